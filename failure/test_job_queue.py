"""Background jobs are kept in the database, Redis or not, and a cluster whose jobs could
be handed out again while they run refuses to start."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from .conftest import production_settings


def test_jobs_are_kept_in_the_database_when_redis_is_configured_too():
    jobs = production_settings(REDIS_URL="redis://127.0.0.1:6379/0")["Q_CLUSTER"]
    assert jobs["orm"] == "default"
    assert "redis" not in jobs  # django-q2's Redis broker never re-delivers a killed worker's jobs
    assert jobs["timeout"] < jobs["retry"]


def test_a_job_timeout_not_below_its_retry_is_refused(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 900, "retry": 600}
    with pytest.raises(SystemCheckError, match="aula.E002"):
        call_command("check")
