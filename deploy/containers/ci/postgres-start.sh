#!/bin/sh
# Creates the cluster, POSTGRES_USER (its owner, with POSTGRES_PASSWORD) and POSTGRES_DB on first
# start, then runs PostgreSQL in the foreground on PGPORT (5432) at LISTEN (all addresses).
set -eu
bin=/usr/lib/postgresql/15/bin
data=/var/lib/postgresql/data
if [ ! -s "$data/PG_VERSION" ]; then
  password=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$password"
  "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile="$password" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$password"
  echo "host all all all scram-sha-256" >> "$data/pg_hba.conf"
  "$bin/pg_ctl" -D "$data" -o "-c listen_addresses='' -k /tmp" -w start >/dev/null
  "$bin/createdb" -h /tmp -U "$POSTGRES_USER" "$POSTGRES_DB"
  "$bin/pg_ctl" -D "$data" -w stop >/dev/null
fi
exec "$bin/postgres" -D "$data" -k /tmp -p "${PGPORT:-5432}" -c "listen_addresses=${LISTEN:-*}"
