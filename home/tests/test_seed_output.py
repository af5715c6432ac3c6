"""``make demo``'s seed ends with a short summary: the jobs it queues for the worker are
counted, not logged one line each."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django_q.conf import Conf
from django_q.models import OrmQ


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the roles made by migrations
def test_seed_demo_summarises_the_jobs_it_queues(monkeypatch, caplog, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(Conf, "SYNC", False)  # queued for a worker, as in `make demo`
    output = StringIO()
    with caplog.at_level(logging.INFO, logger="django-q"):
        call_command("seed_demo", stdout=output)
    queued = OrmQ.objects.count()
    assert queued > 10
    assert not [record for record in caplog.records if record.getMessage().startswith("Enqueued")]
    text = output.getvalue()
    assert f"{queued} background jobs queued" in text
    assert "Enqueued" not in text
    assert len(text.splitlines()) < 40
