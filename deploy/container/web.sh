#!/bin/sh
# The web container: once PostgreSQL answers, migrate (the one container that does), then
# gunicorn with gunicorn.conf.py, as deploy/systemd/aula-web.service runs it.
set -eu
until pg_isready -q -d "$DATABASE_URL"; do sleep 1; done
python manage.py migrate --noinput
exec gunicorn -c gunicorn.conf.py lms_site.wsgi
