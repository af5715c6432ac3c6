"""What the certificates app's changes renew in the shared cache (``caching.registry``): a
holder's certificates are in their personal cache (the dashboard)."""

from caching import registry, scopes

from .models import Certificate

registry.renews(Certificate, lambda certificate: [scopes.user(certificate.user_id)])
