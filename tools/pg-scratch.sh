#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks of the PostgreSQL store.
#
#   tools/pg-scratch.sh start DIR   # prints its URL: postgres://postgres@127.0.0.1:PORT/postgres
#   tools/pg-scratch.sh stop DIR
#
# Installs PostgreSQL with apt when no server binaries are found. The server listens on
# 127.0.0.1 only, on a free port, trusts every local connection (no password: a scratch server
# for tests, never for data), and keeps everything in DIR. As root it runs as the `postgres`
# user (PostgreSQL refuses root). Then, for example:
#   DYAD_TEST_POSTGRES=$(tools/pg-scratch.sh start /tmp/pg) cargo test --workspace
set -euo pipefail
cmd="${1:?usage: pg-scratch.sh start|stop DIR}"
dir="${2:?usage: pg-scratch.sh start|stop DIR}"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ "$cmd" = stop ]; then
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null
  exit 0
fi
if [ -z "$bin" ]; then
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get install -y -q postgresql >/dev/null 2>&1 \
    || { $sudo_ apt-get update -q >/dev/null && $sudo_ apt-get install -y -q postgresql >/dev/null; }
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_owner "$bin/initdb -D $dir/data -U postgres --auth-local=trust --auth-host=trust -E UTF8" >"$dir/initdb.log" 2>&1
as_owner "$bin/pg_ctl -D $dir/data -l $dir/log -o '-c listen_addresses=127.0.0.1 -p $port -k $dir' -w start" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
