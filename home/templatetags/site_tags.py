from django import template

from home import languages, navigation
from home.models import SiteSettings

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home, items = navigation.main_menu(request)
    current = context.get("page")
    return {"request": request, "home": home, "items": items, "current": current}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {"links": languages.language_links(request, context.get("page"))}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    site_settings = SiteSettings.for_request(request)
    return {"links": navigation.footer_links(site_settings), "settings": site_settings}
