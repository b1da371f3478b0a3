# Shared set-up for ./prosaas: installs what is missing and manages the project-local PostgreSQL clusters.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.state"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m[prosaas]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[prosaas]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}

APT_UPDATED=0
apt_install() { # packages…
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ $APT_UPDATED -eq 0 ]; then as_root apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  echo "$d"
}

ensure_tools() {
  command -v dotnet >/dev/null || die "the .NET SDK (10) is required: https://dot.net"
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js 20+ with npm is required"
  apt_install postgresql postgresql-contrib espeak-ng "$@"
}

ensure_web_packages() {
  if [ ! -d "$ROOT/web/node_modules" ] || [ "$ROOT/web/package-lock.json" -nt "$ROOT/web/node_modules/.package-lock.json" ]; then
    log "installing web packages"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

build_web() {
  log "building the dashboard"
  (cd "$ROOT/web" && npm run --silent build >/dev/null)
}

build_dotnet() { # configuration
  log "restoring and building .NET projects ($1)"
  dotnet build "$ROOT/ProSaaS.sln" -c "$1" -nologo -clp:NoSummary -v:q >"$STATE/build.log" 2>&1 \
    || { tail -n 40 "$STATE/build.log" >&2; die "build failed (see $STATE/build.log)"; }
}

# pg_run CMD…: runs a PostgreSQL server binary as the owner of the data directory (PostgreSQL refuses root).
pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start NAME PORT [extra postgres -c settings…]: initialises (first time) and starts a cluster under .state/NAME.
# Sets PG_DIR, PG_SOCK, PG_STARTED (1 when this call started it).
pg_start() {
  local name=$1 port=$2; shift 2
  local bin; bin=$(pg_bin)
  PG_DIR="$STATE/$name"; PG_SOCK="$PG_DIR/run"; PG_STARTED=0
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"; fi
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in ${PG_DIR#"$ROOT"/}"
    pg_run mkdir -p "$PG_DIR/data" "$PG_SOCK"
    pg_run "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  pg_run mkdir -p "$PG_SOCK"
  if pg_run "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    log "PostgreSQL ($name) already running on port $port"
    return 0
  fi
  local opts="-p $port -k $PG_SOCK -c listen_addresses=127.0.0.1 -c max_connections=200"
  for s in "$@"; do opts="$opts -c $s"; done
  pg_run "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -o "$opts" -w -t 60 start >/dev/null \
    || { tail -n 30 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  PG_STARTED=1
  log "PostgreSQL ($name) started on 127.0.0.1:$port"
}

pg_stop() { # NAME
  local bin; bin=$(pg_bin)
  pg_run "$bin/pg_ctl" -D "$STATE/$1/data" -m fast -w stop >/dev/null 2>&1 || true
}

# psql_admin PORT SQL: runs SQL as the superuser over the cluster's socket.
psql_admin() {
  psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$1" -U postgres -d postgres -tAc "$2"
}

# ensure_app_role PORT USER PASSWORD [DATABASE]: the application's own non-superuser role (and database).
ensure_app_role() {
  local port=$1 user=$2 pass=$3 db=${4:-}
  if [ "$(psql_admin "$port" "select count(*) from pg_roles where rolname = '$user'")" = "0" ]; then
    psql_admin "$port" "create role \"$user\" login createdb password '$pass'"
  fi
  if [ -n "$db" ] && [ "$(psql_admin "$port" "select count(*) from pg_database where datname = '$db'")" = "0" ]; then
    psql_admin "$port" "create database \"$db\" owner \"$user\""
  fi
}

wait_http() { # URL SECONDS
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}
