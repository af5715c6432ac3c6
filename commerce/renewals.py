"""What the commerce app's changes renew in the shared cache (``caching.registry``): a
buyer's orders are in their personal cache; a program page lists courses' cards."""

from caching import registry, scopes

from .models import AdSettings, Order, ProgramPage

registry.renews(Order, lambda order: [scopes.user(order.user_id)])
registry.page_scopes(lambda page: [scopes.CATALOG] if isinstance(page, ProgramPage) else None, lambda page: None)
registry.renews(AdSettings, lambda settings: [scopes.SITE])  # ads show on anonymous pages
