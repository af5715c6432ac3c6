"""The site's frame: main menu, language links and footer. What they show is the same for
every visitor of a language, so it is built once per change and shared
(``caching.shared.shared_fragment``); only the current item is marked per request."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Page

from caching.shared import page_scopes, renders_afresh, shared_fragment
from home import languages, metadata, navigation
from home.models import SiteSettings

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    items = shared_fragment(request, "main-menu", lambda: navigation.main_menu_items(request))
    current = context.get("page")
    return {"request": request, "items": items, "current_pk": getattr(current, "pk", None)}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):  # a view outside the page tree: its own path
        return {"links": languages.language_links(request, None)}
    links = shared_fragment(
        request, f"language-links:{page.pk}", lambda: languages.language_links(request, page), page_scopes(page)
    )
    return {"links": links}


@register.filter
def route_name(request):
    """The name of the route a view outside the page tree answers (the dashboard), when it is
    all that names the page: no arguments, no query string. Its language links are the same
    for everyone then, shared under this name; "" otherwise (rendered afresh)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.args or match.kwargs or request.META.get("QUERY_STRING"):
        return ""
    return f"route:{match.view_name}"


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    site_settings = SiteSettings.for_request(request)
    links = shared_fragment(request, "footer-links", lambda: navigation.footer_links(site_settings, request))
    return {"links": links, "settings": site_settings}


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """Above a page shown in a language it is not translated into yet (home/languages.py)."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return {"notice": None}
    request = context["request"]
    # {} for "no notice": None is never kept, so the check would run on every request.
    notice = shared_fragment(
        request, f"untranslated-notice:{page.pk}", lambda: languages.untranslated_notice(page) or {}, page_scopes(page)
    )
    return {"notice": notice}


@register.simple_tag(takes_context=True)
def page_metadata(context):
    """The head's description, canonical URL, ``hreflang`` links, Open Graph, Twitter card
    and JSON-LD of the page being shown (home/metadata.py), shared like the menus: public
    facts about the page only, kept rendered. Nothing for a view outside the page tree."""
    page = context.get("page")
    request = context.get("request")
    if request is None or not isinstance(page, Page) or not page.pk:
        return ""
    site_name = SiteSettings.for_request(request).site_name

    def render():
        facts = metadata.page_facts(page, request, site_name)
        return mark_safe(render_to_string("includes/page_metadata.html", {"facts": facts}))

    if renders_afresh(request) or not page.live:  # a preview, a draft: as it stands now
        return render()
    return mark_safe(shared_fragment(request, f"page-head:{page.pk}", render, page_scopes(page)))
