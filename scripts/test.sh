#!/usr/bin/env bash
# Runs every suite against a throwaway PostgreSQL cluster (.state/pg-test, recreated each run) and prints
# one closing line "N passed, N failed, N skipped" summing them all. Exits non-zero if anything failed.
#   ./prosaas test [--dotnet-only|--web-only] [dotnet test filter]
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_PORT=${PROSAAS_TEST_PG_PORT:-55433}
API_PORT=${PROSAAS_TEST_API_PORT:-5181}
DB_USER=prosaas_test
DB_PASSWORD=prosaas_test
RUN_DOTNET=1 RUN_WEB=1 FILTER=""
case "${1:-}" in
  --dotnet-only) RUN_WEB=0; FILTER=${2:-} ;;
  --web-only) RUN_DOTNET=0 ;;
esac

RESULTS="$STATE/test-results"
mkdir -p "$STATE"
rm -rf "$RESULTS" "$ROOT/web/test-results"
mkdir -p "$RESULTS"

ensure_tools curl chromium fonts-dejavu-core
ensure_web_packages
build_dotnet Debug

# A fresh cluster per run: no state leaks between runs, and durability settings traded for speed.
pg_stop pg-test
rm -rf "$STATE/pg-test"
pg_start pg-test "$PG_PORT" fsync=off synchronous_commit=off full_page_writes=off
ensure_app_role "$PG_PORT" "$DB_USER" "$DB_PASSWORD"

api_pid=""
cleanup() {
  [ -n "$api_pid" ] && { kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; }
  pg_stop pg-test
}
trap cleanup EXIT

export PROSAAS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=$DB_USER;Password=$DB_PASSWORD"
passed=0 failed=0 skipped=0 status=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

if [ $RUN_DOTNET = 1 ]; then
  log "running .NET tests"
  args=(test "$ROOT/ProSaaS.sln" --no-build -c Debug --results-directory "$RESULTS" --logger "trx" --blame-hang-timeout 5m -v:q -nologo)
  [ -n "$FILTER" ] && args+=(--filter "$FILTER")
  dotnet "${args[@]}" 2>&1 | grep -vE '^\s*$|^Test run for|^A total of|^Starting test execution|^VSTest version' || true
  dotnet_status=${PIPESTATUS[0]}
  n=0
  for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    n=$((n + 1))
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    add "$(get passed)" "$(($(get failed) + $(get error) + $(get timeout) + $(get aborted)))" "$(get notExecuted)"
    # A run that never got to its tests (a test host that could not start) fails with nothing counted: count it.
    if grep -q '<ResultSummary outcome="Failed"' "$trx" && [ "$(get failed)" = 0 ] && [ "$(get error)" = 0 ] && [ "$(get timeout)" = 0 ] && [ "$(get aborted)" = 0 ]; then
      log "a .NET test run failed without failing tests: $(basename "$trx")"; add 0 1 0
    fi
  done
  if [ "$dotnet_status" -ne 0 ]; then
    status=1
    [ "$failed" -eq 0 ] && { log ".NET test run failed without failing tests (crash or hang?)"; add 0 1 0; }
  fi
  log ".NET: $n test projects, $passed passed, $failed failed, $skipped skipped"
fi

if [ $RUN_WEB = 1 ]; then
  log "running dashboard unit tests"
  (cd "$ROOT/web" && npm run --silent test:unit) || status=1
  if [ -f "$ROOT/web/test-results/unit.json" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests,r.numFailedTests,(r.numPendingTests||0)+(r.numTodoTests||0))' "$ROOT/web/test-results/unit.json")
    add "$p" "$f" "$s"; log "dashboard unit: $p passed, $f failed, $s skipped"
  else
    log "dashboard unit tests produced no report"; add 0 1 0; status=1
  fi

  log "running browser tests against the real Api"
  build_web
  psql_admin "$PG_PORT" "create database prosaas_e2e owner $DB_USER"
  # One user of each role for the sign-in tests (their passwords stay in the run's results folder), and the demo calls
  # (one with a recording, kept in the Api's file storage: the seed runs from the Api's content root).
  (cd "$ROOT/src/Api" && ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=prosaas_e2e;Username=$DB_USER;Password=$DB_PASSWORD" \
    dotnet "$ROOT/src/Cli/bin/Debug/net10.0/prosaas-cli.dll" seed-demo --credentials-file "$RESULTS/e2e-credentials.txt" --demo-calls) \
    >"$RESULTS/e2e-seed.log" 2>&1 || { tail -n 20 "$RESULTS/e2e-seed.log" >&2; log "could not seed the browser tests' users"; status=1; }
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=prosaas_e2e;Username=$DB_USER;Password=$DB_PASSWORD" \
  Dashboard__Path="$ROOT/web/dist" ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning Auth__AllowInsecureHttp=true Auth__SignInPermitsPerMinute=1000 \
    Twilio__PublicBaseUrl="http://127.0.0.1:$API_PORT" \
    dotnet "$ROOT/src/Api/bin/Debug/net10.0/ProSaaS.Api.dll" --urls "http://127.0.0.1:$API_PORT" --contentRoot "$ROOT/src/Api" \
    >"$RESULTS/api-e2e.log" 2>&1 &
  api_pid=$!
  if wait_http "http://127.0.0.1:$API_PORT/health/ready" 60; then
    (cd "$ROOT/web" && PROSAAS_BASE_URL="http://127.0.0.1:$API_PORT" PROSAAS_E2E_CREDENTIALS="$RESULTS/e2e-credentials.txt" \
      npm run --silent test:browser) || status=1
  else
    tail -n 30 "$RESULTS/api-e2e.log" >&2; log "the Api did not become ready for browser tests"; status=1
  fi
  if [ -f "$ROOT/web/test-results/browser.json" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.passed,r.failed,r.skipped||0)' "$ROOT/web/test-results/browser.json")
    add "$p" "$f" "$s"; log "browser: $p passed, $f failed, $s skipped"
  else
    log "browser tests produced no report"; add 0 1 0; status=1
  fi
fi

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
