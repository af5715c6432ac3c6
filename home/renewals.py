"""What the home app's changes renew in the shared cache (``caching.registry``): the site's
settings show on every page; the home page shows the catalog's featured cards."""

from caching import registry, scopes

from .models import HomePage, SiteSettings

registry.renews(SiteSettings, lambda settings: [scopes.SITE])
registry.page_scopes(lambda page: [scopes.CATALOG] if isinstance(page, HomePage) else None, lambda page: None)
