#!/usr/bin/env bash
# Starts the test PostgreSQL cluster and leaves it running, for running single test projects by hand.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
PG_PORT=${PROSAAS_TEST_PG_PORT:-55433}
mkdir -p "$STATE"
ensure_tools
pg_start pg-test "$PG_PORT" fsync=off synchronous_commit=off full_page_writes=off
ensure_app_role "$PG_PORT" prosaas_test prosaas_test
echo "export PROSAAS_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=prosaas_test;Password=prosaas_test'"
log "stop it with: ./prosaas testdb stop"
