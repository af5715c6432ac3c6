#!/bin/sh
# PostgreSQL in the pod: on first start, a cluster in $PGDATA (a volume) with the database
# and user of DATABASE_URL (password auth on TCP); then the server, on the pod's loopback.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${DATABASE_URL:?DATABASE_URL names the database and user to create}"
    user=$(echo "$DATABASE_URL" | sed -E 's|^[a-z]+://([^:@/]+).*|\1|')
    password=$(echo "$DATABASE_URL" | sed -E 's|^[a-z]+://[^:@/]+:([^@]*)@.*|\1|')
    database=$(echo "$DATABASE_URL" | sed -E 's|.*/([^/?]+)(\?.*)?$|\1|')
    initdb --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    pg_ctl -w -o "-c listen_addresses=''" start >/dev/null
    psql -v ON_ERROR_STOP=1 -q -v user="$user" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user";
SQL
    pg_ctl -w stop >/dev/null
fi
exec postgres -c listen_addresses=127.0.0.1
