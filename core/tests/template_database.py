"""One migrated test database per run, copied for each parallel test process.

pytest-django gives each pytest-xdist process (gw0, gw1, …) its own test database and runs
every migration into each, at the same time, on the same cores: on PostgreSQL about a minute
of the unit suite, on MariaDB (a file per table, each ALTER a table rebuild) three to four.
Django's own parallel test runner migrates once and copies (``clone_test_db``: PostgreSQL's
``CREATE DATABASE … TEMPLATE``, MariaDB's dump and load, a few seconds); pytest-django has no
such mode, so the root conftest's ``django_db_setup`` does it here: the first process to take
the lock migrates ``test_<name>_template`` for this run, and each process copies it into its
own database under the same lock. The controlling process drops the template when the run
ends (``drop_template``).

SQLite (an in-memory database per process) and ``--reuse-db`` keep pytest-django's way.
"""

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connections

ALIAS = "default"


def supported():
    return connections[ALIAS].vendor in ("postgresql", "mysql")


def template_name():
    """``test_<NAME>_template``: the name pytest-django's test database would have without a
    process suffix."""
    settings = connections[ALIAS].settings_dict
    return f"test_{settings['NAME']}_template"


@contextmanager
def _locked(name):
    path = Path(tempfile.gettempdir()) / f"{name}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def setup(run_id, worker, serialize, verbosity=0):
    """Make this process's test database, ``test_<NAME>_template_<worker>``, as a copy of the
    run's template (migrating the template first if no process of this run has). Returns
    what ``teardown`` needs."""
    connection = connections[ALIAS]
    creation = connection.creation
    original_name = connection.settings_dict["NAME"]
    template = template_name()
    with _locked(template) as lock:
        marker = lock.with_suffix(".run")
        if not marker.exists() or marker.read_text() != run_id:
            connection.settings_dict.setdefault("TEST", {})["NAME"] = template
            creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False)
            marker.write_text(run_id)
        connection.settings_dict["NAME"] = template
        connection.close()
        creation.clone_test_db(suffix=worker, verbosity=verbosity, autoclobber=True, keepdb=False)
    clone = creation.get_test_db_clone_settings(worker)
    connection.settings_dict.update(clone)
    from django.conf import settings

    settings.DATABASES[ALIAS]["NAME"] = clone["NAME"]
    connection.close()
    if serialize:  # for tests with serialized rollback (as create_test_db would have done)
        connection._test_serialized_contents = creation.serialize_db_to_string()
    return original_name


def teardown(original_name, verbosity=0):
    connection = connections[ALIAS]
    connection.creation.destroy_test_db(original_name, verbosity=verbosity, keepdb=False)


def drop_template():
    """Drop the run's template (the controlling process, once every test process is done)."""
    connection = connections[ALIAS]
    template = template_name()
    with _locked(template) as lock:
        marker = lock.with_suffix(".run")
        if not marker.exists():
            return
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(template)}")
        marker.unlink()
        os.unlink(lock)
