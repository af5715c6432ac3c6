"""Which pages are private, read once per request with the caches off and once per change
of the site with them on, instead of once per listing.

Wagtail's ``PageQuerySet.public()`` (``private_q``) reads every view restriction each time
a listing asks: the home page lists courses, reviews and posts and asked six times per
render, the catalog three. ``private_q`` here builds the same condition — the restricted
pages and their descendants — from ``restricted_sections()``, a shared value: view
restrictions renew ``SITE`` (``caching/renewals.py``) and so does moving a page, the only
ways its answer changes. ``caching/tests/test_wagtail_internals.py`` fails if Wagtail's
``public()`` stops asking ``private_q``.
"""

from django.db.models import Q
from wagtail.query import PageQuerySet

from .shared import shared_value


def restricted_sections():
    """``((path, depth), …)`` of the pages that have a view restriction of their own."""
    return shared_value(None, "restricted-sections", _read)


def _read():
    from wagtail.models import PageViewRestriction

    return tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth"))))


def private_q(queryset):
    """Wagtail's ``PageQuerySet.private_q``: the restricted pages and their descendants."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)  # Wagtail's descendant_of_q(inclusive=True)
    return q if q else Q(pk__in=[])  # no private section: match no page


def install():
    PageQuerySet.private_q = private_q
