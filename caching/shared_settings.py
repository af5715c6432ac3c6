"""Site settings read from the shared cache: every page's theme and name come from
``SiteSettings``, one query per request otherwise.

A settings model that shows on pages declares that it renews ``SITE`` (its app's
``renewals.py``); each request gets its own copy.
"""

import copy

from wagtail.models import Site

from .scopes import enabled
from .shared import shared_value


class SharedSiteSetting:
    """Mixin for a ``BaseSiteSetting`` (listed before it): ``for_request`` from the cache."""

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if not enabled() or site is None:
            return super().for_request(request)
        shared = shared_value(request, f"setting:{cls._meta.label}:{site.pk}", lambda: cls.for_site(site))
        instance = copy.copy(shared)
        instance._request = request  # as Wagtail does: page URLs in the settings use it
        setattr(request, attr_name, instance)
        return instance
