#!/usr/bin/env bash
# What idle change streams cost: starts rectrack on a fresh database, measures its CPU (as % of one
# core, from /proc/<pid>/stat) and RSS with no stream open, then with CLIENTS server-sent-event streams
# on /api/v1/changes/stream idling (each gets a heartbeat comment every rectrack.changes.heartbeat, 15 s),
# then writes once and checks that every stream receives the event. Loopback only; stops the server
# and the clients by itself. Prints Markdown; keeps the server log under $BENCH_WORK.
#
#   bench/sse-idle.sh h2|postgresql [CLIENTS=100] [SECONDS=60]
#
# Environment: BENCH_WORK (/tmp/rectrack-bench-sse), BENCH_PORT (18491), BENCH_PG_DB
# (rectrack_bench_sse; dropped and created), BENCH_NO_BUILD=1 to reuse $BENCH_WORK/app-<flavour>,
# BENCH_JAVA_OPTS (JVM options of the server; -Xmx256m as in the README).
set -euo pipefail
FLAVOUR=${1:?h2 or postgresql}; CLIENTS=${2:-100}; SECONDS_IDLE=${3:-60}
export BENCH_WORK=${BENCH_WORK:-/tmp/rectrack-bench-sse} BENCH_PORT=${BENCH_PORT:-18491}
export BENCH_PG_DB=${BENCH_PG_DB:-rectrack_bench_sse}
case "$BENCH_PG_DB" in test|rectrack_bench|rectrack|postgres) echo "refusing to drop database $BENCH_PG_DB" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib.sh"
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# the server refuses streams past rectrack.changes.max-streams (100) with a 503: a larger run raises it
MAX_STREAMS=100
if [ "$CLIENTS" -gt "$MAX_STREAMS" ]; then
  export RECTRACK_CHANGES_MAX_STREAMS=$CLIENTS
  say "rectrack.changes.max-streams raised to $CLIENTS for this run"
fi

build_or_reuse "$FLAVOUR"
start_server "$FLAVOUR"
say "started in $STARTUP_MS ms; sampling ${SECONDS_IDLE} s without streams, then ${SECONDS_IDLE} s with $CLIENTS"
# a bound on the whole measurement: two samples, connecting, the write and its events, with margin
timeout $(( ${SECONDS_IDLE%.*} * 2 + 120 )) python3 "$ROOT/bench/sse-idle.py" "$BASE" "$SERVER_PID" "$CLIENTS" "$SECONDS_IDLE" > "$WORK/sse-idle.md"
{
  echo "#### Idle change streams, $FLAVOUR"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(java -version 2>&1 | head -1); server JVM options: '${BENCH_JAVA_OPTS:-}'."
  echo
  cat "$WORK/sse-idle.md"
}
