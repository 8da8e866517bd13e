#!/usr/bin/env bash
# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster for the integration suite's second run.
# start_throwaway_postgres installs Debian's postgresql package when no initdb is found, creates a cluster with
# initdb in a temp directory owned by the postgres user (the server refuses to run as root), listens on
# 127.0.0.1 on a free port only (no Unix socket left behind), and exports ADMINPORTAL_TEST_POSTGRES.
# fsync is off (a test database is disposable) unless PG_THROWAWAY_FSYNC=on: the benchmark sets it, so PostgreSQL's
# commits wait for the disk as SQLite's do and the two providers' write figures compare.
# stop_throwaway_postgres stops it and removes the directory; the caller runs it from a trap.

pg_bin_dir() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] && dirname "$initdb"
}

# A port nobody listens on now (the kernel picks it when python3 is there; otherwise a random high one, and
# start_throwaway_postgres retries if it was taken meanwhile).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 40000))
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  if [ -z "$(pg_bin_dir)" ]; then
    echo "Installing PostgreSQL from Debian for the integration tests' PostgreSQL run..."
    local sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
  fi
  local bin; bin=$(pg_bin_dir)
  PG_THROWAWAY_BIN="$bin"
  PG_THROWAWAY_DIR=$(mktemp -d /tmp/adminportal-pg.XXXXXX)
  # As root the cluster belongs to the postgres user; as anyone else, to that user.
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_THROWAWAY_DIR"
  as_postgres "$bin/initdb" -D "$PG_THROWAWAY_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null

  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    if as_postgres "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=${PG_THROWAWAY_FSYNC:-off} -c max_connections=500" start >/dev/null; then
      export ADMINPORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      echo "Throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_THROWAWAY_DIR)"
      return 0
    fi
    echo "PostgreSQL did not start on port $port (attempt $attempt):" >&2
    tail -n 5 "$PG_THROWAWAY_DIR/server.log" >&2 || true
  done
  return 1
}

stop_throwaway_postgres() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] || return 0
  if [ -f "$PG_THROWAWAY_DIR/data/postmaster.pid" ]; then
    as_postgres "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_THROWAWAY_DIR"
  PG_THROWAWAY_DIR=""
}
