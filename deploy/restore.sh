#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and EMPTY file folders:
#
#   createdb -h db.internal -U postgres -O aula aula          # a new, empty database
#   set -a; . /etc/aula/aula.env; set +a                     # DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT
#   deploy/restore.sh /backups/aula-20261207-031500
#   python manage.py migrate && python manage.py collectstatic --noinput
#
# It refuses (and changes nothing) when the database already has tables or a folder already
# has files: a restore never mixes with a live site's data. The restored objects belong to
# DATABASE_URL's user (--no-owner). Then run migrate (a backup of an older version is brought
# forward), collectstatic, and start the web servers and the worker: docs/operators/backups.md.
set -euo pipefail

backup=${1:?usage: deploy/restore.sh BACKUP_FOLDER (made by deploy/backup.sh)}
: "${DATABASE_URL:?DATABASE_URL is not set (read /etc/aula/aula.env first)}"
for name in database.dump media.tar.gz media-private.tar.gz; do
    [ -f "$backup/$name" ] || { echo "restore.sh: $backup/$name is missing" >&2; exit 2; }
done
app_dir=$(cd "$(dirname "$0")/.." && pwd)
media_root=${MEDIA_ROOT:-$app_dir/media}
private_root=${PRIVATE_MEDIA_ROOT:-$media_root-private}

tables=$(psql --no-psqlrc -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" "$DATABASE_URL")
if [ "$tables" != 0 ]; then
    echo "restore.sh: the database of DATABASE_URL has $tables tables; restore into a new, empty one" >&2
    exit 1
fi
for path in "$media_root" "$private_root"; do
    if [ -n "$(ls -A "$path" 2>/dev/null)" ]; then
        echo "restore.sh: $path is not empty; restore into new folders" >&2
        exit 1
    fi
done

pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$backup/database.dump"
mkdir -p "$media_root" "$private_root"
tar -C "$media_root" -xzf "$backup/media.tar.gz"
tar -C "$private_root" -xzf "$backup/media-private.tar.gz"
echo "restored $backup; now: python manage.py migrate && python manage.py collectstatic --noinput, then start the site"
