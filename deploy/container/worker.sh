#!/bin/sh
# The worker container: once the web container has migrated the database, django-q2's
# cluster, as deploy/systemd/aula-worker.service runs it.
set -eu
until python manage.py migrate --check >/dev/null 2>&1; do sleep 2; done
exec python manage.py qcluster
