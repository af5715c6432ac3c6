"""Effects a background job must have once, though the job may run more than once.

The job queue (django-q2's ORM broker, see the settings) hands a job out again when the
cluster that took it died before saving its result, so any job may run twice, or be cut
short and run again. Rendering a file twice is harmless; e-mailing a buyer twice is not.
``do_once(key, effect)`` runs ``effect()`` inside the transaction that records ``key``:

* a run cut short before the commit (the worker killed, the mail server down) leaves no
  record, and the next run does it;
* a run after the commit finds the record and does nothing;
* two runs at once: the second waits on the first's record (PostgreSQL row lock), then
  finds it.

The one remaining overlap is a run killed between the effect (the mail server accepting
the message) and the commit, a few milliseconds: that e-mail may go twice, never zero times.
"""

from django.db import transaction

from .models import DoneOnce


def do_once(key, effect):
    """``effect()`` unless it was done under ``key`` before. True when it ran now."""
    with transaction.atomic():
        _record, created = DoneOnce.objects.get_or_create(key=key)
        if created:
            effect()
    return created
