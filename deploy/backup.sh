#!/usr/bin/env bash
# Back up an Aula site: the PostgreSQL database (pg_dump, custom format) and the files
# (MEDIA_ROOT and PRIVATE_MEDIA_ROOT), into a new folder of DESTINATION:
#
#   set -a; . /etc/aula/aula.env; set +a      # DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT
#   deploy/backup.sh /backups                 # → /backups/aula-20261207-031500/
#
# The folder holds database.dump (pg_restore's custom format), media.tar.gz and
# media-private.tar.gz; deploy/restore.sh puts them back. The database is dumped first, then
# the files copied: a file without a row is harmless, a row without its file is not. It runs
# while the site runs (pg_dump reads one consistent snapshot). DATABASE_URL must be a
# postgres:// or postgresql:// URL (the form pg_dump reads). Not backed up here: the
# environment file and the certificate signing key (keep those with your other secrets),
# STATIC_ROOT and Redis (both made again). docs/operators/backups.md explains each part;
# deploy/production_check.py runs this script and restore.sh in CI.
set -euo pipefail

destination=${1:?usage: deploy/backup.sh DESTINATION_FOLDER}
: "${DATABASE_URL:?DATABASE_URL is not set (read /etc/aula/aula.env first)}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL must be a postgres:// URL (SQLite: see docs/operators/backups.md)" >&2; exit 2 ;;
esac
app_dir=$(cd "$(dirname "$0")/.." && pwd)
media_root=${MEDIA_ROOT:-$app_dir/media}
private_root=${PRIVATE_MEDIA_ROOT:-$media_root-private}  # the settings' default beside MEDIA_ROOT

folder="$destination/aula-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$folder.partial"
trap 'rm -rf "$folder.partial"' EXIT

pg_dump --format=custom --no-owner --file="$folder.partial/database.dump" --dbname="$DATABASE_URL"
for part in media:"$media_root" media-private:"$private_root"; do
    name=${part%%:*} path=${part#*:}
    mkdir -p "$path"  # an unused PRIVATE_MEDIA_ROOT still gets its (empty) archive
    tar -C "$path" -czf "$folder.partial/$name.tar.gz" .
done

mv "$folder.partial" "$folder"  # complete or absent: never a half-made backup under the final name
trap - EXIT
echo "$folder"
