# Shared helpers for the deploy/ scripts. Sourced, not executed.
# shellcheck shell=bash

# Messages go to stderr so that stdout stays free for values other scripts read (e.g. `postgres.sh url`).
log() { printf '[%s] %s\n' "${AIRD_LOG_TAG:-aird}" "$*" >&2; }

die() {
  printf '[%s] ERROR: %s\n' "${AIRD_LOG_TAG:-aird}" "$*" >&2
  exit 1
}

# The repository root, resolved from this file so that scripts work from any working directory.
AIRD_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
export AIRD_REPO_ROOT

require_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 must run as root (it installs packages / runs PostgreSQL as user postgres)"
}

# Both scripts need the PostgreSQL 15 server binaries; they are not on PATH on Debian.
# shellcheck disable=SC2034 # read by the scripts that source this file
PG_BIN=/usr/lib/postgresql/15/bin
# shellcheck disable=SC2034
PG_CONFIG=$PG_BIN/pg_config
