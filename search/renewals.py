"""What the search app's changes renew in the shared cache (``caching.registry``).

A query's hits are kept for every visitor (``searching.shared_hits``) under ``CATALOG``, which
publishing or unpublishing a page inside a course renews (``SITE`` outside courses); the
transcript cues are indexed after that, in the background, so indexing them renews it again.
"""

from caching import registry, scopes

from .models import TranscriptCue

registry.renews(TranscriptCue, lambda cue: [scopes.CATALOG])
