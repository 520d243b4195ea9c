#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages (if missing), starts it on 127.0.0.1:5432, and
# creates the role the tests use. Safe to run again. Also usable on a developer's machine (as root).
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >/dev/null
fi
# Tests open many pools (several silos and hosts at once); the default of 100 is too few.
conf="/etc/postgresql/${version}/main/conf.d/branch-archive-tests.conf"
printf "listen_addresses = '127.0.0.1'\nmax_connections = 400\nfsync = on\n" > "$conf"
pg_ctlcluster "$version" main restart || pg_ctlcluster "$version" main start

for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'branch_archive_test') THEN
    CREATE ROLE branch_archive_test LOGIN CREATEDB PASSWORD 'branch_archive_test';
  END IF;
END $$;
SQL
echo "PostgreSQL ${version} is running on 127.0.0.1:5432 (role branch_archive_test)."
