"""Site settings read from the shared cache: every page's theme and name come from
``SiteSettings``, one query per request otherwise.

A settings model that shows on pages declares that it renews ``SITE`` (its app's
``renewals.py``); each request gets its own copy. One that every page shows says
``read_with_sites = True``: its rows come with the site's ``Site`` rows, in the same query
(``caching.sites``), which every request reads anyway.
"""

import copy

from wagtail.models import Site

from .scopes import enabled
from .shared import shared_value


class SharedSiteSetting:
    """Mixin for a ``BaseSiteSetting`` (listed before it): ``for_request`` from the cache."""

    read_with_sites = False

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        if cls.read_with_sites:
            from .sites import site_setting

            shared = site_setting(cls, site.pk)
            if shared is None:  # not made yet: for_site makes it (and renews the site)
                return super().for_request(request)
        elif not enabled():
            return super().for_request(request)
        else:
            shared = shared_value(request, f"setting:{cls._meta.label}:{site.pk}", lambda: cls.for_site(site))
        instance = copy.copy(shared)
        instance._request = request  # as Wagtail does: page URLs in the settings use it
        setattr(request, attr_name, instance)
        return instance


def read_with_sites():
    """The installed site settings read with the sites (``read_with_sites = True``)."""
    found, pending = [], list(SharedSiteSetting.__subclasses__())
    while pending:
        model = pending.pop(0)
        pending.extend(model.__subclasses__())
        if model.read_with_sites and not model._meta.abstract:
            found.append(model)
    return sorted(set(found), key=lambda model: model._meta.label)
