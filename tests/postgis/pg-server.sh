#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS 3 cluster for the PostGIS tests
# (ctest fixture `postgis`: `start` before them, `stop` after, even when
# they fail). It listens on a Unix socket in its own temporary folder only
# (no TCP port to collide with), trusts local users, and holds one database
# `riskmap` with the postgis extension. `start STATE` writes to STATE the
# folder and the GDAL connection string; `stop STATE` stops the server and
# removes the folder. Run as root (the server runs as `postgres`) or as a
# user who may run initdb.
set -euo pipefail
cmd=${1:?start|stop} state=${2:?state file}
bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }

stop() {
  [ -f "$state" ] || return 0
  dir=$(sed -n 's/^dir=//p' "$state")
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_postgres "$bin/pg_ctl -D $dir/data -m immediate -w stop" >/dev/null 2>&1 || true
  fi
  [ -n "$dir" ] && rm -rf "$dir"
  rm -rf "$(dirname "$state")/county-import-test"  # CountyImportTest's province, made once per server
  rm -rf "$(dirname "$state")/province-postgis-test"  # ProvincePostgisTest's, likewise
  rm -f "$state"
}

case "$cmd" in
  start)
    stop  # a previous run's server, if its cleanup never ran
    [ -x "$bin/initdb" ] || { echo "pg-server: $bin/initdb missing: run scripts/install-deps.sh" >&2; exit 1; }
    dir=$(mktemp -d /tmp/riskmap-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    printf 'dir=%s\ndsn=PG:host=%s dbname=riskmap user=postgres\n' "$dir" "$dir" >"$state"
    trap 'stop' ERR
    as_postgres "$bin/initdb -D $dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1
    as_postgres "$bin/pg_ctl -D $dir/data -o \"-c listen_addresses='' -k $dir -c fsync=off\" -l $dir/log -w start" >/dev/null
    as_postgres "$bin/createdb -h $dir -U postgres riskmap"
    as_postgres "$bin/psql -h $dir -U postgres -d riskmap -qc 'CREATE EXTENSION postgis'"
    ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop STATE" >&2; exit 2 ;;
esac
