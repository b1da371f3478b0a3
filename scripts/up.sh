#!/usr/bin/env bash
# Starts the whole platform locally. Data lives in .state/pg and survives restarts.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_PORT=${PROSAAS_PG_PORT:-55432}
API_PORT=${PROSAAS_API_PORT:-5080}
MEDIA_PORT=${PROSAAS_MEDIA_PORT:-5090}
DB_USER=${PROSAAS_DB_USER:-prosaas}
DB_PASSWORD=${PROSAAS_DB_PASSWORD:-prosaas}
DB_NAME=${PROSAAS_DB_NAME:-prosaas}

mkdir -p "$STATE"
ensure_tools curl
ensure_web_packages
build_dotnet Release
build_web

pg_start pg "$PG_PORT"
OWN_PG=$PG_STARTED
ensure_app_role "$PG_PORT" "$DB_USER" "$DB_PASSWORD" "$DB_NAME"

pids=()
demo_pid=""
cleanup() {
  trap - INT TERM EXIT
  trap '' PIPE # the terminal or a pager may be gone already: stopping must still finish
  log "stopping" || true
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ "$OWN_PG" = 1 ] && pg_stop pg
  log "stopped" || true
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASSWORD"
export Dashboard__Path="$ROOT/web/dist"
export Storage__Path="$STATE/files"
# MediaHost's outbox: call commands and recordings waiting for the Api survive a restart here.
export Outbox__Path="$STATE/outbox"
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# Served over plain http://localhost on this machine: cookies cannot be Secure here (see Auth:AllowInsecureHttp).
export Auth__AllowInsecureHttp=${Auth__AllowInsecureHttp:-true}
# Twilio's webhooks are checked against this address (sandbox mode: signed with the public sandbox key).
export Twilio__PublicBaseUrl=${Twilio__PublicBaseUrl:-http://localhost:$API_PORT}
# One stream token key for the Api and MediaHost, made on the first start and kept in .state.
TOKEN_KEY_FILE="$STATE/stream-token-key"
[ -s "$TOKEN_KEY_FILE" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$TOKEN_KEY_FILE")
export MediaHost__StreamTokenKey=${MediaHost__StreamTokenKey:-$(cat "$TOKEN_KEY_FILE")}
# The media host's credential for the Api's internal call routes, made and kept the same way.
SERVICE_KEY_FILE="$STATE/service-key"
[ -s "$SERVICE_KEY_FILE" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$SERVICE_KEY_FILE")
export MediaHost__ServiceKey=${MediaHost__ServiceKey:-$(cat "$SERVICE_KEY_FILE")}
export Api__ServiceKey=${Api__ServiceKey:-$MediaHost__ServiceKey}
# Each side's address for the other, on the ports chosen above (PROSAAS_API_PORT / PROSAAS_MEDIA_PORT).
export Api__BaseUrl=${Api__BaseUrl:-http://127.0.0.1:$API_PORT}
export MediaHost__PublicStreamUrl=${MediaHost__PublicStreamUrl:-wss://localhost:$MEDIA_PORT/media}

# First start: the demo business and one user of each role (a no-op once it exists); the credentials are kept in
# .state for later runs, with an agent API key of the demo business for the demo call below.
CREDENTIALS="$STATE/demo-credentials.txt"
DEMO_API_KEY_FILE="$STATE/demo-api-key"
CLI="$ROOT/src/Cli/bin/Release/net10.0/prosaas-cli.dll"
dotnet "$CLI" seed-demo --credentials-file "$CREDENTIALS" --api-key-file "$DEMO_API_KEY_FILE" >/dev/null \
  || die "seeding the demo business failed"

dotnet "$ROOT/src/Api/bin/Release/net10.0/ProSaaS.Api.dll" --urls "http://localhost:$API_PORT" --contentRoot "$ROOT/src/Api" &
pids+=($!)
dotnet "$ROOT/src/MediaHost/bin/Release/net10.0/ProSaaS.MediaHost.dll" --urls "http://127.0.0.1:$MEDIA_PORT" --contentRoot "$ROOT/src/MediaHost" &
pids+=($!)

wait_http "http://localhost:$API_PORT/health/ready" 60 || die "the Api did not become ready (see its log above)"
wait_http "http://127.0.0.1:$MEDIA_PORT/health/live" 30 || die "MediaHost did not start (see its log above)"

# First start only (a marker in .state): one demo call (scenarios/demo.json) through the whole pipeline, in the background,
# so that the dashboard shows a real call. Its result is one line here and the full report in .state/demo-call.log; a
# failure never stops the platform. Play it again with the scenario command shown in the README.
DEMO_MARKER="$STATE/demo-call-played"
if [ ! -e "$DEMO_MARKER" ] && [ -s "$DEMO_API_KEY_FILE" ]; then
  touch "$DEMO_MARKER"
  (
    if PROSAAS_API_KEY=$(cat "$DEMO_API_KEY_FILE") dotnet "$CLI" scenario run "$ROOT/scenarios/demo.json" \
         --api "http://localhost:$API_PORT" --media "http://127.0.0.1:$MEDIA_PORT" >"$STATE/demo-call.log" 2>&1; then
      log "demo call played: $(head -n 1 "$STATE/demo-call.log")" || true
    else
      log "the demo call did not pass (the platform runs on; see .state/demo-call.log)" || true
    fi
  ) &
  demo_pid=$!
fi

cat >&2 <<TXT

  ProSaaS is running (sandbox mode: no provider keys set)
    Dashboard   http://localhost:$API_PORT/
    API docs    http://localhost:$API_PORT/swagger
    Health      http://localhost:$API_PORT/health/ready
    MediaHost   http://127.0.0.1:$MEDIA_PORT/health/live
    PostgreSQL  127.0.0.1:$PG_PORT  database $DB_NAME, user $DB_USER

$([ -f "$CREDENTIALS" ] && sed 's/^/  /' "$CREDENTIALS")

  Press Ctrl+C to stop everything.

TXT
wait -n "${pids[@]}" || true
log "a process exited; shutting down the rest"
