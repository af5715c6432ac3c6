"""The site's menus: top navigation and footer links, in the visitor's language, from the
top of the page tree (``home.frame``: one query, whatever the site's size)."""

from django.db.models import Q
from wagtail.models import Page

from core.localized import active_locale_id

from .frame import TopPage, top_of_tree


def main_menu_items(request):
    """The home page's live, public children shown in menus: ``{"pk", "title", "url"}``."""
    top = top_of_tree(request)
    home = top.home_of(active_locale_id())
    if home is None:
        return []
    items = [page for page in top.children(home) if page.live and page.show_in_menus and top.is_public(page)]
    return [{"pk": item.pk, "title": item.title, "url": item.page().get_url(request)} for item in items]


def footer_links(site_settings, request=None):
    """The footer's links, their pages in the active language: from the top of the tree,
    or in one query when a link names a page deeper down (the page chooser's own lookup
    would cost one per link)."""
    links = [item["value"] for item in site_settings.footer_links.raw_data if item.get("type") == "link"]
    chosen = {link["page"] for link in links if link.get("page")}
    pages = _in_active_language(chosen, request)
    resolved = []
    for link in links:
        page = pages.get(link.get("page"))
        if page is not None:
            resolved.append({"label": link.get("label") or page.title, "url": page.get_url(request)})
        elif link.get("url"):
            resolved.append({"label": link.get("label"), "url": link["url"], "external": True})
    return resolved


def _in_active_language(chosen, request):
    """``{chosen page id: the page to link}``: its live version in the active language, else
    another live version, else itself."""
    if not chosen:
        return {}
    top = top_of_tree(request)
    found = [top.by_pk(pk) for pk in chosen]
    if all(found):
        keys = {page.translation_key for page in found}
        rows = sorted((page for page in top.pages if page.pk in chosen or page.translation_key in keys),
                      key=lambda page: page.pk)  # fmt: skip
    else:
        keys = Page.objects.filter(pk__in=chosen).values("translation_key")
        rows = Page.objects.filter(Q(pk__in=chosen) | Q(live=True, translation_key__in=keys)).order_by("pk")
        rows = list(rows.only("id", "title", "path", "depth", "url_path", "translation_key", "locale_id", "live"))
    active = active_locale_id()
    pages = {}
    for row in rows:
        if row.pk not in chosen:
            continue
        versions = [page for page in rows if page.translation_key == row.translation_key and page.live]
        in_language = [page for page in versions if page.locale_id == active]
        pages[row.pk] = (in_language or versions or [row])[0]
    return {pk: page.page() if isinstance(page, TopPage) else page for pk, page in pages.items()}
