"""The site's menus: top navigation and footer links, in the visitor's language."""

from django.db.models import Q
from wagtail.models import Page

from core.localized import active_locale_id

from .models import HomePage


def current_home(request):
    """The home page of the active language (falls back to the default one)."""
    home = HomePage.objects.live().filter(locale_id=active_locale_id()).first()
    return home or HomePage.objects.live().order_by("pk").first()


def main_menu_items(request):
    """The home page's live, public children shown in menus: ``{"pk", "title", "url"}``."""
    home = current_home(request)
    if home is None:
        return []
    pages = home.get_children().live().public().in_menu().only("id", "title", "url_path")
    return [{"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in pages]


def footer_links(site_settings, request=None):
    """The footer's links, their pages in the active language, in one query (from the
    links' stored page ids: the page chooser's own lookup would cost one more)."""
    links = [item["value"] for item in site_settings.footer_links.raw_data if item.get("type") == "link"]
    chosen = {link["page"] for link in links if link.get("page")}
    pages = {}
    if chosen:
        keys = Page.objects.filter(pk__in=chosen).values("translation_key")
        rows = Page.objects.filter(Q(pk__in=chosen) | Q(live=True, translation_key__in=keys)).order_by("pk")
        rows = list(rows.only("id", "title", "path", "depth", "url_path", "translation_key", "locale_id", "live"))
        active = active_locale_id()
        for row in rows:
            if row.pk not in chosen:
                continue
            versions = [page for page in rows if page.translation_key == row.translation_key and page.live]
            in_language = [page for page in versions if page.locale_id == active]
            pages[row.pk] = (in_language or versions or [row])[0]
    resolved = []
    for link in links:
        page = pages.get(link.get("page"))
        if page is not None:
            resolved.append({"label": link.get("label") or page.title, "url": page.get_url(request)})
        elif link.get("url"):
            resolved.append({"label": link.get("label"), "url": link["url"], "external": True})
    return resolved
