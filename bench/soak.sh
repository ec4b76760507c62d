#!/usr/bin/env bash
# Hours of a working day in minutes: mixed load on one service for a fixed time, with the server's RSS
# sampled, then a follower's rebuild of the change feed compared with the database (bench/soak.py).
#
#   bench/soak.sh h2|postgresql [minutes=30]
#
# Load (loopback only, every loop bounded by the duration): 8 pollers revalidating a list page, a
# statistic and an item with their ETags; 20 change-stream clients that reconnect with Last-Event-ID;
# 2 writers posting assessments with Idempotency-Keys, every tenth retried with the same key and body;
# one importer posting a 500-row CSV import every minute. Any 5xx, connection error, stream that misses
# an event or replay that differs fails the run. Environment: BENCH_WORK (/tmp/rectrack-bench-soak),
# BENCH_PORT (18501), BENCH_PG_DB (rectrack_bench_soak; dropped and created), BENCH_NO_BUILD=1,
# BENCH_JAVA_OPTS (-Xmx256m as in the README).
set -euo pipefail
FLAVOUR=${1:?h2 or postgresql}; MINUTES=${2:-30}
export BENCH_WORK=${BENCH_WORK:-/tmp/rectrack-bench-soak} BENCH_PORT=${BENCH_PORT:-18501}
export BENCH_PG_DB=${BENCH_PG_DB:-rectrack_bench_soak}
case "$BENCH_PG_DB" in test|rectrack_bench|rectrack_bench_read|rectrack|postgres|*_peer) echo "refusing to drop database $BENCH_PG_DB" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib.sh"
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

build_or_reuse "$FLAVOUR"
start_server "$FLAVOUR"
say "started in $STARTUP_MS ms; soaking for $MINUTES minutes"
DB_CHECK="$WORK/db-check.txt"
# what the database holds at the end, for the follower to be compared with (read after the load stops)
db_state() {
  if [ "$FLAVOUR" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -d "$BENCH_PG_DB" -Atc \
      "select (select coalesce(max(seq), 0) from change_event) || ' ' || (select count(*) from change_event) || ' ' || (select count(*) from recommendation) || ' ' || (select count(*) from assessment)"
  else
    echo "api"  # the H2 file is locked by the server: soak.py reads the same figures through the API
  fi
}
export -f db_state; export FLAVOUR BENCH_PG_DB
timeout $(( MINUTES * 60 + 600 )) python3 "$ROOT/bench/soak.py" "$BASE" "$SERVER_PID" "$MINUTES" "$BENCH_ADMIN_KEY" > "$WORK/soak.md"
{
  echo "#### Soak, $FLAVOUR, $MINUTES minutes"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(java -version 2>&1 | head -1); server JVM options: '${BENCH_JAVA_OPTS:-}'."
  echo
  cat "$WORK/soak.md"
}
