#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the tests and the load test.
#
#   scripts/postgres.sh start DIR   initdb into DIR/data, start on a free loopback port,
#                                   print postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/postgres.sh stop DIR    stop it (immediate) and remove DIR
#
# DIR must be a fresh empty directory (mktemp -d). PostgreSQL refuses to run
# as root, so as root the cluster belongs to the `postgres` user (Debian's
# package creates it) or `nobody`. It listens only on 127.0.0.1, with its unix
# socket inside DIR, and trusts loopback connections (nothing else can reach
# it). PG_FSYNC=off (default on) trades crash safety of the throw-away
# cluster for speed; the tests never crash PostgreSQL itself.
set -euo pipefail

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin=$candidate; done
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres.sh: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

command=${1:-}
dir=${2:-}
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "usage: postgres.sh start|stop DIR (an existing directory)" >&2
  exit 2
fi
dir=$(cd "$dir" && pwd)
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then owner=postgres; else owner=nobody; fi
fi

case "$command" in
  start)
    chown "$owner" "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    # A free port from the kernel; the tiny race with another process taking
    # it before postgres binds is caught by pg_ctl failing below.
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 120 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on} -c max_connections=200" start >/dev/null || {
      cat "$dir/postgres.log" >&2
      exit 1
    }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
