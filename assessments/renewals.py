"""What the assessments app's changes renew in the shared cache (``caching.registry``): a
student's attempts are in their personal cache (the dashboard, the evaluation's box)."""

from caching import registry, scopes

from .models import Attempt

registry.renews(Attempt, lambda attempt: [scopes.user(attempt.user_id)])
