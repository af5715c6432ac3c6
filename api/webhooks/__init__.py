"""Outgoing webhooks: administrators register URLs for Aula's events (enrollment created or
ended, course completed, certificate issued, order paid or refunded); each event becomes a
delivery per endpoint, signed (``signing.py``), sent and retried with backoff by the
background workers (``sending.py``), logged attempt by attempt, and replayable from the admin.

The manual: docs/developers/webhooks.md (events, payloads, headers, signature, retries, the
receiver's verification snippet). What each module does:

- ``events.py``: the event types and their versioned JSON payloads;
- ``receivers.py``: the signals of courses, certificates and commerce, turned into events;
- ``publishing.py``: an event → a delivery per subscribed endpoint, on commit;
- ``destinations.py``: which URLs may be called (http/https, no private addresses in production);
- ``signing.py``: the ``Aula-Signature`` header;
- ``sending.py``: one attempt, retries through django-q2, replays;
- ``viewsets.py``: Settings → Webhooks and Webhook deliveries in the Wagtail admin.
"""
