#!/usr/bin/env bash
# Where the time of a read goes: fills a fresh database with N recommendations (bench/GenerateData.java),
# counts the SQL statements of each read from Hibernate's SQL log, then loads the reads with wrk while
# Java Flight Recorder samples the server, and prints the share of CPU samples spent in each part of
# the stack (bench/profile-summary.py). Kept answers are switched off (rectrack.answers.max-size=0), so
# every request is computed: this is the cost of the first request after a write.
#
#   bench/profile.sh h2|postgresql [N=10000] [seconds per read=20]
#
# Environment: as bench/read-bench.sh (BENCH_WORK, default /tmp/rectrack-bench-profile; BENCH_PORT 18491;
# BENCH_PG_DB rectrack_bench_profile, dropped and created; BENCH_NO_BUILD=1; BENCH_JAVA_OPTS).
# Everything is kept under $BENCH_WORK/profile-<flavour>-<N>: the recording, the SQL log, summary.md.
set -euo pipefail
FLAVOUR=${1:?h2 or postgresql}; N=${2:-10000}; SECONDS_EACH=${3:-20}
export BENCH_WORK=${BENCH_WORK:-/tmp/rectrack-bench-profile} BENCH_PORT=${BENCH_PORT:-18491}
export BENCH_PG_DB=${BENCH_PG_DB:-rectrack_bench_profile}
case "$BENCH_PG_DB" in test|rectrack_bench|rectrack_bench_read|rectrack|postgres|*_peer) echo "refusing to drop database $BENCH_PG_DB" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib.sh"
OUT="$WORK/profile-$FLAVOUR-$N"
rm -rf "$OUT" && mkdir -p "$OUT"
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }; }
build_or_reuse "$FLAVOUR"

fresh_database "$FLAVOUR"
launch_server "$FLAVOUR" && stop_server  # Flyway migrates the empty database
say "generating $N recommendations"
java -cp "$WORK/app-$FLAVOUR/lib/main/*" "$ROOT/bench/GenerateData.java" --url "$(jdbc_url "$FLAVOUR")" \
  --user "$(db_user "$FLAVOUR")" --recommendations "$N" 2> "$OUT/generate.log"
LAST_SEQ=$(sed -n 's/.* \([0-9,]*\) change events).*/\1/p' "$OUT/generate.log" | tr -d ,)
export RECTRACK_ANSWERS_MAX_SIZE=0

# The reads: name|path
reads() {
  local item
  item=$(curl -sf -H 'Accept: application/json' "$BASE/api/v1/recommendations?limit=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["reference"])')
  printf '%s\n' \
    "one recommendation|/api/v1/recommendations/$item" \
    "first page of 50|/api/v1/recommendations?limit=50" \
    "change feed, 100 after 90 %|/api/v1/changes?after=$(( LAST_SEQ * 9 / 10 ))&limit=100"
}

# 1. statements per read, from the SQL log of a server that logs them (one warm-up call, then one counted)
QUARKUS_HIBERNATE_ORM_LOG_SQL=true QUARKUS_HIBERNATE_ORM_LOG_FORMAT_SQL=false launch_server "$FLAVOUR"
# one line per statement (unformatted), less the background pollers' (webhook outbox, feed position)
statements() { sed 's/\x1b\[[0-9;]*m//g' "$WORK/server-$FLAVOUR.log" \
  | grep -iE '\[?Hibernate\]?:? *(select|insert|update|delete|with) ' | grep -cvE 'webhook|change_counter' || true; }
: > "$OUT/statements.txt"
while IFS='|' read -r name path; do
  curl -sf -o /dev/null -H 'Accept: application/json' "$BASE$path"
  sleep 0.5; before=$(statements)
  curl -sf -o /dev/null -H 'Accept: application/json' "$BASE$path"
  sleep 0.5; after=$(statements)
  echo "$name|$((after - before))" >> "$OUT/statements.txt"
done < <(reads)
cp "$WORK/server-$FLAVOUR.log" "$OUT/sql.log"
stop_server

# 2. the profile: each read loaded in turn while the recorder samples every thread
BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS -XX:StartFlightRecording=filename=$OUT/reads.jfr,settings=profile,dumponexit=true" \
  launch_server "$FLAVOUR"
: > "$OUT/wrk.txt"
while IFS='|' read -r name path; do
  wrk -t2 -c16 -d5s -H 'Accept: application/json' "$BASE$path" > /dev/null  # warm-up
  echo "== $name" >> "$OUT/wrk.txt"
  wrk -t2 -c16 -d"${SECONDS_EACH}s" -H 'Accept: application/json' "$BASE$path" >> "$OUT/wrk.txt"
done < <(reads)
stop_server  # the recording is written on exit
jfr print --json --events jdk.ExecutionSample "$OUT/reads.jfr" > "$OUT/samples.json"

{
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "$FLAVOUR, $N recommendations, server JVM options '$BENCH_JAVA_OPTS', kept answers off."
  echo
  echo "| read | statements | req/s under wrk -t2 -c16 |"
  echo "|---|---:|---:|"
  while IFS='|' read -r name count; do
    rps=$(awk -v n="== $name" '$0 == n {f=1; next} f && /Requests\/sec/ {print $2; exit}' "$OUT/wrk.txt")
    echo "| $name | $count | $rps |"
  done < "$OUT/statements.txt"
  echo
  python3 "$ROOT/bench/profile-summary.py" "$OUT/samples.json"
} | tee "$OUT/summary.md"
