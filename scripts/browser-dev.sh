#!/usr/bin/env bash
# Runs the browser tests (or those whose name contains FILTER) against a fresh database on the running test
# PostgreSQL (`./prosaas testdb`), with the Api serving a fresh build of the dashboard. For working on one page
# at a time; `./prosaas test` runs them all.
#   scripts/browser-dev.sh [FILTER]
#   PROSAAS_DEV_DB (default prosaas_e2e_dev)  PROSAAS_DEV_API_PORT (default 5191)  PROSAAS_DEV_SKIP_BUILD=1 to reuse builds
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_PORT=${PROSAAS_TEST_PG_PORT:-55433}
API_PORT=${PROSAAS_DEV_API_PORT:-5191}
DB=${PROSAAS_DEV_DB:-prosaas_e2e_dev}
DB_USER=prosaas_test
DB_PASSWORD=prosaas_test
OUT="$STATE/browser-dev/$DB"
rm -rf "$OUT" && mkdir -p "$OUT"

if [ "${PROSAAS_DEV_SKIP_BUILD:-0}" != 1 ]; then
  build_web
  dotnet build "$ROOT/src/Api" -v q -nologo >"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; die "the Api did not build"; }
  dotnet build "$ROOT/src/Cli" -v q -nologo >>"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; die "the CLI did not build"; }
fi

# Over TCP as the test role (it may create databases), so any checkout can use the one running cluster.
as_test_role() { PGPASSWORD=$DB_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc "$1"; }
as_test_role "drop database if exists $DB with (force)" 2>/dev/null
as_test_role "create database $DB"
CONN="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=$DB_USER;Password=$DB_PASSWORD"
# From the Api's content root, so that the demo call's recording lands in the Api's own file storage (.state/files).
(cd "$ROOT/src/Api" && ConnectionStrings__Postgres="$CONN" dotnet "$ROOT/src/Cli/bin/Debug/net10.0/prosaas-cli.dll" seed-demo \
  --credentials-file "$OUT/credentials.txt" --demo-calls) >"$OUT/seed.log" 2>&1 || { tail -n 20 "$OUT/seed.log" >&2; die "seeding failed"; }

ConnectionStrings__Postgres="$CONN" Dashboard__Path="$ROOT/web/dist" ASPNETCORE_ENVIRONMENT=Development \
  Serilog__MinimumLevel__Default=Warning Auth__AllowInsecureHttp=true Auth__SignInPermitsPerMinute=1000 \
  Twilio__PublicBaseUrl="http://127.0.0.1:$API_PORT" \
  dotnet "$ROOT/src/Api/bin/Debug/net10.0/ProSaaS.Api.dll" --urls "http://127.0.0.1:$API_PORT" --contentRoot "$ROOT/src/Api" \
  >"$OUT/api.log" 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null; wait $api_pid 2>/dev/null' EXIT
wait_http "http://127.0.0.1:$API_PORT/health/ready" 60 || { tail -n 30 "$OUT/api.log" >&2; die "the Api did not become ready"; }
cd "$ROOT/web" && PROSAAS_BASE_URL="http://127.0.0.1:$API_PORT" PROSAAS_E2E_CREDENTIALS="$OUT/credentials.txt" \
  node e2e/run.mjs "${1:-}"
