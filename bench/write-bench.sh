#!/usr/bin/env bash
# Scripts' workload: import N recommendations from CSV, post N assessments in bulk requests of 1000,
# export everything again as CSV. Each run starts from an empty database; the medians of RUNS runs
# are printed as Markdown rows for docs/benchmarks.md.
#
#   bench/write-bench.sh h2|postgresql [N=10000] [RUNS=3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
FLAVOUR=${1:?h2 or postgresql}; N=${2:-10000}; RUNS=${3:-3}

DATA="$WORK/data-$N"
# imports take at most 20,000 rows each: larger sizes are imported file by file, and timed together
[ -d "$DATA" ] || python3 "$ROOT/bench/generate.py" --recommendations "$N" --chunk 10000 --out "$DATA"
build_flavour "$FLAVOUR"

imports=(); bulks=(); exports=(); rss_before=(); rss_peak=()
for run in $(seq 1 "$RUNS"); do
  start_server "$FLAVOUR"
  post_each "$DATA/institutions.json" /api/v1/institutions
  post_each "$DATA/reports.json" /api/v1/reports

  start=$(date +%s%N)
  for f in "$DATA"/recommendations-*.csv; do
    curl -sf -o "$WORK/import.json" -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$f" "$BASE/api/v1/imports"
  done
  imports+=("$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN {printf "%.3f", (b - a) / 1e9}')")

  start=$(date +%s%N)
  for f in "$DATA"/assessments-*.json; do
    curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' --data-binary @"$f" "$BASE/api/v1/assessments"
  done
  bulks+=("$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN {printf "%.3f", (b - a) / 1e9}')")

  rss_before+=("$(rss_kib)")
  peak=0
  curl -sf -o "$WORK/export.csv" -H 'Accept: text/csv' -w '%{time_total}\n' "$BASE/api/v1/recommendations" > "$WORK/export.time" &
  curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do r=$(rss_kib); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.05; done
  wait "$curl_pid"
  exports+=("$(cat "$WORK/export.time")")
  rss_peak+=("$peak")
  rows=$(($(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8'))))" "$WORK/export.csv") - 1))
  [ "$rows" -eq "$N" ] || { echo "export has $rows rows, expected $N" >&2; exit 1; }
  stop_server
done

echo "| $FLAVOUR | $N | ${BENCH_JAVA_OPTS:-JVM defaults} | $(median "${imports[@]}") s | $(median "${bulks[@]}") s | $(median "${exports[@]}") s | $(( $(median "${rss_before[@]}") / 1024 )) MiB | $(( $(median "${rss_peak[@]}") / 1024 )) MiB |"
