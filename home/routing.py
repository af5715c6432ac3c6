"""Which page a request names, with the top of the tree at hand (``home.frame``): what
Wagtail's ``Page.route_for_request`` and its view-restriction check answer, in fewer queries
when the caches are off (the caching layer asks through ``AULA_PAGE_ROUTER``).

Wagtail finds the site, the active locale, the localized home page and the home page's own
row before routing below it, then checks view restrictions in two more queries. Here the
site is one query, the home page of the visitor's language comes from the top of the tree
(read once per request for the menus anyway), the page itself is ``HomePage.route``'s two
queries, and the view restrictions of the page and its ancestors none while the site has
no restricted page (one otherwise).
"""

from django.db.models import Exists, OuterRef
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site

from caching.view_restrictions import restricted_sections
from core.localized import active_locale_id

from .frame import top_of_tree
from .models import HomePage


def route_for_request(request, path):
    """``(route, view_restrictions)`` as Wagtail would find them — ``route`` None for a 404
    — or None when this site's root is not a home page at the top of the tree (Wagtail's own
    routing answers then)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    top = top_of_tree(request)
    root = top.by_pk(site.root_page_id)
    if root is None or root.content_type_id != top.home_content_type_id():
        return None
    # Wagtail's ``root_page.localized``: its live translation in the active language
    locale_id = active_locale_id()
    home = next((page for page in top.translations(root.translation_key) if page.locale_id == locale_id), root)
    components = [component for component in path.split("/") if component]
    try:
        home_page = HomePage.objects.get(pk=home.pk) if not components else home.page(HomePage)
        route = home_page.route(request, components)
    except (Http404, HomePage.DoesNotExist):
        return None, []
    return route, view_restrictions(route[0])


def view_restrictions(page):
    """``page.get_view_restrictions()``: none without a query when no page of the site has a
    view restriction (``restricted_sections``, shared, and read anyway by the page's listings'
    ``public()``); else one query in the common case — no restriction and no alias among the
    page and its ancestors: none — else Wagtail's own answer."""
    if not restricted_sections():
        return []  # an alias takes its source's restrictions, and there are none
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    restricted = Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    rows = Page.objects.filter(path__in=paths).annotate(restricted=restricted).values_list("alias_of_id", "restricted")
    if any(alias_of is not None or is_restricted for alias_of, is_restricted in rows):
        return list(page.get_view_restrictions())
    return []
