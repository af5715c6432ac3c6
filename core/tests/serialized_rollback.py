"""Serialized rollback, each model's rows restored in one statement.

A transactional test (the browser tests, the races, the killed worker) empties every table
when it ends; with ``serialized_rollback`` Django then puts back what the migrations made
(the home page, roles, permissions, site settings: about 800 rows) from the copy it took
when the test database was made — one object at a time, each an UPDATE that finds nothing
and then an INSERT: about a second before every such test, a fifth of the browser suite's
set-up. ``deserialize_db_from_string`` here does the same inside the same transaction,
with the database's constraint checks deferred as Django's does, but inserts the rows of
each ordinary model with one ``bulk_create``; models that extend another (Wagtail's page
types: ``bulk_create`` cannot insert both tables) are saved one by one as before.
Many-to-many rows are set once every row exists. Rows already there are left as they are
(``ignore_conflicts``): before the first transactional test of a process nothing was
emptied, and what is there is what the migrations made (Django's own restore updates them to
the same values). Django offers no faster restore, hence
this replacement (installed by the root conftest).
"""

from collections import defaultdict
from io import StringIO

from django.core import serializers
from django.db import transaction


def deserialize_db_from_string(creation, data):
    connection = creation.connection
    alias = connection.alias
    rows = defaultdict(list)
    with_many_to_many = []
    table_names = set()
    with transaction.atomic(using=alias):
        with connection.constraint_checks_disabled():
            for item in serializers.deserialize("json", StringIO(data), using=alias):
                model = type(item.object)
                table_names.add(model._meta.db_table)
                if model._meta.parents:
                    item.save()
                    continue
                rows[model].append(item.object)
                if item.m2m_data:
                    with_many_to_many.append(item)
            for model, objects in rows.items():
                model._base_manager.using(alias).bulk_create(objects, batch_size=500, ignore_conflicts=True)
            for item in with_many_to_many:
                for accessor, values in item.m2m_data.items():
                    getattr(item.object, accessor).set(values)
        connection.check_constraints(table_names=table_names)


def install():
    from django.db.backends.base.creation import BaseDatabaseCreation

    BaseDatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
