#!/usr/bin/env bash
# Event-store benchmarks (tests/Benchmarks) against the durable local PostgreSQL cluster that ./prosaas up uses
# (.state/pg, fsync on). Each benchmark class gets a fresh database, dropped afterwards; the cluster is stopped at the
# end only if this script started it. Arguments pass through to the benchmark program, e.g.
#   ./prosaas bench --filter '*Append*'            only the append benchmarks
#   ./prosaas bench --filter '*CatchUp*' --catchup-events 50000 --catchup-reps 3
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_PORT=${PROSAAS_PG_PORT:-55432}
BENCH_USER=prosaas_bench
BENCH_PASSWORD=prosaas_bench
PROJECT="$ROOT/tests/Benchmarks/ProSaaS.Benchmarks.csproj"
PROGRAM="$ROOT/tests/Benchmarks/bin/Release/net10.0/ProSaaS.Benchmarks.dll"

mkdir -p "$STATE"
ensure_tools

log "building the benchmarks (Release)"
dotnet build "$PROJECT" -c Release -nologo -clp:NoSummary -v:q >"$STATE/bench-build.log" 2>&1 \
  || { tail -n 40 "$STATE/bench-build.log" >&2; die "build failed (see $STATE/bench-build.log)"; }

pg_start pg "$PG_PORT"
OWN_PG=$PG_STARTED
cleanup() {
  trap - INT TERM EXIT
  if [ "$OWN_PG" = 1 ]; then
    pg_stop pg
    log "PostgreSQL (pg) stopped"
  fi
}
trap cleanup INT TERM EXIT
ensure_app_role "$PG_PORT" "$BENCH_USER" "$BENCH_PASSWORD"

export PROSAAS_BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=$BENCH_USER;Password=$BENCH_PASSWORD"
export PROSAAS_BENCH_ARTIFACTS="$STATE/bench"
log "running the benchmarks (reports in ${PROSAAS_BENCH_ARTIFACTS#"$ROOT"/})"
started=$SECONDS
status=0
(cd "$STATE" && dotnet "$PROGRAM" "$@") || status=$?
log "benchmarks finished in $((SECONDS - started)) s (exit $status)"
exit "$status"
