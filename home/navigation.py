"""The site's menus: top navigation and footer links, in the visitor's language."""

from wagtail.models import Locale, Page

from core.localized import pages_in_active_language

from .models import HomePage


def current_home(request):
    """The home page of the active language (falls back to the default one)."""
    locale = Locale.get_active()
    home = HomePage.objects.live().filter(locale=locale).first()
    return home or HomePage.objects.live().order_by("pk").first()


def main_menu_items(request):
    """The home page's live, public children shown in menus: ``{"pk", "title", "url"}``."""
    home = current_home(request)
    if home is None:
        return []
    pages = home.get_children().live().public().in_menu().only("id", "title", "url_path")
    return [{"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in pages]


def footer_links(site_settings):
    """Resolve footer links with one query for all their pages, in the active language."""
    links = [block.value for block in site_settings.footer_links]
    keys = [link["page"].translation_key for link in links if link.get("page")]
    localized = pages_in_active_language(Page.objects.live(), keys) if keys else {}
    resolved = []
    for link in links:
        page = link.get("page")
        if page:
            page = localized.get(page.translation_key, page)
            resolved.append({"label": link["label"] or page.title, "url": page.url})
        elif link.get("url"):
            resolved.append({"label": link["label"], "url": link["url"], "external": True})
    return resolved
