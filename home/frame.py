"""The top of the page tree in one query: the site's home pages (one per language) and
their children, which are what every page's frame shows — the main menu, the language
links of a home or catalog page, the footer's chosen pages — and what Wagtail needs to
write any page's URL (the site root paths).

Read with the caches off, Wagtail and the menus ask for these in seven or eight queries per
request (the site root paths, the active home page, the menu's pages and their view
restrictions, the footer's pages, a page's translations); read here once per request (or
once per change, shared, with the caches on) they cost one, whatever the size of the site:
below depth 3 are the courses and lessons, never read here.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from caching.shared import shared_value
from caching.sites import site_rows

TOP_DEPTH = 3  # the root (1), the home pages (2) and their children (3)


@dataclass(frozen=True)
class TopPage:
    pk: int
    path: str
    depth: int
    numchild: int
    url_path: str
    title: str
    translation_key: str
    locale_id: int
    live: bool
    show_in_menus: bool
    content_type_id: int
    restricted: bool  # has view restrictions of its own (an ancestor's are checked apart)

    def page(self, model=Page):
        """A ``model`` instance holding what ``get_url`` and routing need (its place in the
        tree, its URL path and language) — not its content."""
        return model(
            id=self.pk, path=self.path, depth=self.depth, numchild=self.numchild, url_path=self.url_path,
            title=self.title, translation_key=self.translation_key, locale_id=self.locale_id, live=self.live,
            content_type_id=self.content_type_id,
        )  # fmt: skip


@dataclass(frozen=True)
class Top:
    pages: tuple  # TopPage, in tree order
    sites: tuple  # (id, hostname, port, root_page_id, is_default_site)

    def by_pk(self, pk):
        return next((page for page in self.pages if page.pk == pk), None)

    def by_path(self, path):
        return next((page for page in self.pages if page.path == path), None)

    def translations(self, translation_key, live=True):
        return [p for p in self.pages if p.translation_key == translation_key and (p.live or not live)]

    def home_content_type_id(self):
        return _home_content_type_id()

    def homes(self):
        """The live home pages, oldest first."""
        home_type = _home_content_type_id()
        return sorted((p for p in self.pages if p.depth == 2 and p.live and p.content_type_id == home_type),
                      key=lambda p: p.pk)  # fmt: skip

    def home_of(self, locale_id):
        """The live home page of ``locale_id``, else the first one (None when there is none)."""
        homes = self.homes()
        return next((home for home in homes if home.locale_id == locale_id), homes[0] if homes else None)

    def children(self, parent):
        return [p for p in self.pages if p.depth == parent.depth + 1 and p.path.startswith(parent.path)]

    def is_public(self, page):
        """No view restriction on the page or on any of its ancestors (all of them are here)."""
        return not any(p.restricted for p in self.pages if page.path.startswith(p.path))

    def site_root_paths(self):
        """``Site.get_site_root_paths()``'s answer, or None when a site's root page is not at
        the top of the tree (Wagtail's own query answers then)."""
        from django.conf import settings

        from core.localized import language_code_of

        ordered = []
        for site_id, hostname, port, root_page_id, is_default in self.sites:
            root = self.by_pk(root_page_id)
            if root is None:
                return None
            ordered.append((root.url_path, is_default, hostname, site_id, port, root))
        # Wagtail's order: the longest root path first, the default site first, by host name
        ordered.sort(key=lambda row: row[2])
        ordered.sort(key=lambda row: (row[0], row[1]), reverse=True)
        result = []
        for _url_path, _default, hostname, site_id, port, root in ordered:
            root_url = Site(hostname=hostname, port=port).root_url
            versions = self.translations(root.translation_key, live=False) if settings.WAGTAIL_I18N_ENABLED else [root]
            result.extend(
                SiteRootPath(site_id, version.url_path, root_url, language_code_of(version.locale_id))
                for version in versions
            )
        return result


def top_of_tree(request):
    """The top of the tree (``Top``), once per request or per change of the site."""
    return shared_value(request, "top-of-tree", _read)


def top_page(request, path):
    """The page at ``path`` if it is at the top of the tree (``caching.top_pages``)."""
    found = top_of_tree(request).by_path(path)
    return found.page() if found is not None else None


def _read():
    restricted = Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    fields = ["id", "path", "depth", "numchild", "url_path", "title", "translation_key", "locale_id", "live",
              "show_in_menus", "content_type_id"]  # fmt: skip
    rows = Page.objects.filter(depth__lte=TOP_DEPTH).annotate(restricted=restricted).order_by("path")
    pages = tuple(TopPage(*row) for row in rows.values_list(*fields, "restricted"))
    sites = tuple((pk, host, port, root, default) for pk, host, port, _name, root, default in site_rows())
    return Top(pages=pages, sites=sites)


def _home_content_type_id():
    from .models import HomePage

    return ContentType.objects.get_for_model(HomePage).pk


class TopOfTreeMiddleware:
    """Gives every request the site root paths from ``top_of_tree``, read only if the
    request writes a page URL (a lazy list: JSON views and redirects never read it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_cached_site_root_paths = SimpleLazyObject(lambda: _site_root_paths(request))
        return self.get_response(request)


def _site_root_paths(request):
    paths = top_of_tree(request).site_root_paths()
    return Site.get_site_root_paths() if paths is None else paths
