#!/usr/bin/env bash
# A private PostgreSQL 15 cluster (with pgvector) for development, tests and the demo.
# Usage: deploy/postgres.sh start|stop|status|psql [ARGS...]|url
#   start   create the cluster on first use, start it unless running, wait until it accepts connections
#   stop    stop it (no-op when stopped)
#   status  exit 0 when running, 3 when not
#   psql    open psql as role aird on database aird (extra arguments are passed on)
#   url     print the Npgsql connection string on stdout
# Environment: AIRD_PG_PORT (default 55432); AIRD_PG_FSYNC=off runs without fsync (tests only: a crash of the
# machine can corrupt the cluster, so the demo must not use it). Every `start` applies AIRD_PG_FSYNC, also to a
# running server (fsync can change on reload), so a demo started after the tests gets fsync back.
# Listens on 127.0.0.1 only. Needs deploy/setup.sh to have run; start/stop/status need root.
set -euo pipefail

AIRD_LOG_TAG=postgres
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly PORT=${AIRD_PG_PORT:-55432}
readonly FSYNC=${AIRD_PG_FSYNC:-on}
# Development-only credentials: the cluster listens on 127.0.0.1 only and holds no real data.
readonly APP_ROLE=aird APP_PASSWORD=aird APP_DATABASE=aird

# PostgreSQL refuses to run as root, so user postgres must reach the data directory. The repository often
# lives under /root (mode 700), which postgres cannot traverse; opening /root and other parents with
# chmod o+x would weaken the machine for every user and still break on other layouts. So the cluster lives
# in /var/tmp (kept across reboots, unlike /tmp) under a name derived from the repository path, so that
# two checkouts never share a cluster; var/postgres in the repository is a symlink to it.
readonly STATE_LINK=$AIRD_REPO_ROOT/var/postgres
STATE_DIR=/var/tmp/aird-postgres-$(printf '%s' "$AIRD_REPO_ROOT" | sha256sum | cut -c1-12)
readonly STATE_DIR
readonly DATA_DIR=$STATE_DIR/data
readonly SOCKET_DIR=$STATE_DIR/run
readonly LOG_FILE=$STATE_DIR/postgres.log

# Runs a command as user postgres from "/", since postgres may not be allowed into the current directory.
# The lock's descriptor is closed for it: a server started with it open would hold the lock forever.
as_postgres() { (cd / && runuser -u postgres -- "$@" 9>&-); }

check_settings() {
  if ! [[ $PORT =~ ^[0-9]{4,5}$ ]] || [ "$PORT" -lt 1024 ] || [ "$PORT" -gt 65535 ]; then
    die "AIRD_PG_PORT must be a port number from 1024 to 65535, not '$PORT'"
  fi
  case $FSYNC in on | off) ;; *) die "AIRD_PG_FSYNC must be 'on' or 'off', not '$FSYNC'" ;; esac
}

check_installed() {
  [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL 15 is not installed: run deploy/setup.sh first"
  id postgres >/dev/null 2>&1 || die "user postgres does not exist: run deploy/setup.sh first"
}

# Serialises start/stop: several test runs may call start at the same moment.
take_lock() {
  mkdir -p "$AIRD_REPO_ROOT/var"
  exec 9>"$AIRD_REPO_ROOT/var/postgres.lock"
  flock -w 120 9 || die "another deploy/postgres.sh has held var/postgres.lock for 2 minutes"
}

ensure_state_dir() {
  # /var/tmp is world-writable: never follow a symlink someone else planted under our name.
  [ ! -L "$STATE_DIR" ] || die "$STATE_DIR is a symlink; remove it"
  install -d -o postgres -g postgres -m 700 "$STATE_DIR" "$SOCKET_DIR"
  if [ -e "$STATE_LINK" ] && [ ! -L "$STATE_LINK" ]; then
    die "$STATE_LINK exists and is not a symlink to the cluster directory; move it away"
  fi
  # Re-pointed on every start, so a moved or copied repository gets its own cluster.
  ln -sfn "$STATE_DIR" "$STATE_LINK"
}

is_running() {
  # pg_ctl refuses to run as root, even for a status query.
  [ -f "$DATA_DIR/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

# Builds the cluster in data.partial and renames it at the end, so that an interrupted first start is
# redone from scratch instead of leaving a half-configured cluster behind.
init_cluster() {
  local partial=$DATA_DIR.partial
  rm -rf "$partial"
  # C.UTF-8 and UTF8 explicitly: the caller's locale (often unset for root) must not decide the encoding.
  if ! as_postgres "$PG_BIN/initdb" -D "$partial" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$STATE_DIR/initdb.log" 2>&1; then
    tail -n 20 "$STATE_DIR/initdb.log" >&2
    die "initdb failed (log: $STATE_DIR/initdb.log)"
  fi
  # Superuser postgres only through the socket as OS user postgres; everyone else by password.
  cat >"$partial/pg_hba.conf" <<'EOF'
local all postgres            peer
local all all                 scram-sha-256
host  all all 127.0.0.1/32    scram-sha-256
EOF
  cat >>"$partial/postgresql.conf" <<EOF

# Set by deploy/postgres.sh (port and fsync are given at each start).
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
password_encryption = scram-sha-256
EOF
  chown postgres:postgres "$partial/pg_hba.conf" "$partial/postgresql.conf"
  mv "$partial" "$DATA_DIR"
}

start_server() {
  # The log is appended to across starts: on failure show only what this attempt wrote.
  local log_size
  log_size=$(stat -c %s "$LOG_FILE" 2>/dev/null || echo 0)
  if as_postgres "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 -s \
    -o "-c port=$PORT" >/dev/null 2>&1 &&
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30; then
    return
  fi
  tail -c +"$((log_size + 1))" "$LOG_FILE" | tail -n 20 >&2 || true
  die "PostgreSQL did not start on 127.0.0.1:$PORT (log: var/postgres/postgres.log)"
}

# Line 4 of postmaster.pid is the port the server really listens on.
running_port() { sed -n 4p "$DATA_DIR/postmaster.pid"; }

# A running server on another port would make `url` lie, so refuse instead of reporting success.
check_running_port() {
  local actual
  actual=$(running_port)
  [ "$actual" = "$PORT" ] ||
    die "the cluster already runs on port $actual; stop it first or set AIRD_PG_PORT=$actual"
}

# Idempotent, run at every start so that a half-finished first start heals itself.
# fsync goes through ALTER SYSTEM + reload rather than the command line, which a reload could not override.
# pgvector 0.8.0's vector.control is not `trusted`, so a role without superuser cannot CREATE EXTENSION
# vector. Rather than making aird a superuser, the extension is created in template1: database aird and
# every database aird creates later (tests) inherit it, and the migrations' CREATE EXTENSION IF NOT EXISTS
# vector succeeds as a no-op.
provision() {
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres -d template1 \
    >/dev/null <<EOF
SET client_min_messages = warning;
SELECT 'ALTER SYSTEM SET fsync = $FSYNC' WHERE current_setting('fsync') <> '$FSYNC' \\gexec
SELECT 'SELECT pg_reload_conf()' WHERE current_setting('fsync') <> '$FSYNC' \\gexec
CREATE EXTENSION IF NOT EXISTS vector;
SELECT 'CREATE ROLE $APP_ROLE LOGIN CREATEDB PASSWORD ''$APP_PASSWORD'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') \\gexec
SELECT 'CREATE DATABASE $APP_DATABASE OWNER $APP_ROLE'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$APP_DATABASE') \\gexec
\\connect $APP_DATABASE
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
EOF
}

cmd_start() {
  require_root "deploy/postgres.sh start"
  check_installed
  take_lock
  ensure_state_dir
  if is_running; then
    check_running_port
  else
    [ -f "$DATA_DIR/PG_VERSION" ] || init_cluster
    start_server
  fi
  provision || die "PostgreSQL runs but setting up role/database $APP_ROLE or fsync failed"
}

cmd_stop() {
  require_root "deploy/postgres.sh stop"
  check_installed
  take_lock
  is_running || return 0
  as_postgres "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 60 -s || die "PostgreSQL did not stop"
}

cmd_status() {
  require_root "deploy/postgres.sh status"
  check_installed
  if is_running; then
    echo "running on 127.0.0.1:$(running_port), data in $DATA_DIR"
  else
    echo "not running"
    exit 3
  fi
}

cmd_psql() {
  PGPASSWORD=$APP_PASSWORD exec "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PORT" -U "$APP_ROLE" -d "$APP_DATABASE" "$@"
}

cmd_url() {
  echo "Host=127.0.0.1;Port=$PORT;Username=$APP_ROLE;Password=$APP_PASSWORD;Database=$APP_DATABASE"
}

main() {
  check_settings
  local cmd=${1:-}
  [ $# -eq 0 ] || shift
  case $cmd in
    start | stop | status | url) [ $# -eq 0 ] || die "'$cmd' takes no arguments"; "cmd_$cmd" ;;
    psql) cmd_psql "$@" ;;
    *) die "usage: deploy/postgres.sh start|stop|status|psql [ARGS...]|url" ;;
  esac
}

main "$@"
