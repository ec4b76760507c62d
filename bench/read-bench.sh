#!/usr/bin/env bash
# Dashboards' workload: reads at scale. Fills a fresh database with N recommendations (and their
# reports, institutions, assessments, progress updates and change feed) with bench/GenerateData.java,
# starts rectrack on it and measures each read with wrk at a fixed concurrency, in rounds, against a
# trivial endpoint of the same server (the ceiling). Prints Markdown for docs/benchmarks.md and keeps
# everything (wrk outputs, logs, results.md) under $BENCH_WORK/read-<flavour>-<N>.
#
#   bench/read-bench.sh h2|postgresql N
#
# Environment: BENCH_WORK (/tmp/rectrack-bench-read), BENCH_PORT (18471), BENCH_PG_DB
# (rectrack_bench_read; dropped and created), BENCH_NO_BUILD=1 to reuse $BENCH_WORK/app-<flavour>,
# BENCH_JAVA_OPTS (JVM options of the server; -Xmx256m as in the README), BENCH_THREADS (2), BENCH_CONNECTIONS (16),
# BENCH_TAG (a suffix for the output folder, to keep a variant's results apart),
# BENCH_REUSE_DATA=1 to measure again on the data the previous run of this flavour and size left,
# BENCH_ONLY (a regular expression: load only the endpoints whose name matches, and the ceiling),
# BENCH_WALK=sql (build the deep cursor from the database instead of following `next` through 90 %
# of the list: for H2 at 1,000,000, where every page of that walk is a sort of the whole table),
# BENCH_DURATION (10s), BENCH_ROUNDS (3), BENCH_MAX_SOLO_S (5: an endpoint whose first call or whose
# calls one at a time take longer is not loaded, only timed alone), BENCH_AS_OF (2015-12-31),
# BENCH_PEER=0 to leave out the plain Panache peer (bench/peer, loaded in the same rounds: its own
# database ${BENCH_PG_DB}_peer or an H2 file under $BENCH_WORK/h2-peer), BENCH_PEER_PORT (BENCH_PORT + 1),
# BENCH_PEER_ROWS (1000).
set -euo pipefail
FLAVOUR=${1:?h2 or postgresql}; N=${2:?number of recommendations}
export BENCH_WORK=${BENCH_WORK:-/tmp/rectrack-bench-read} BENCH_PORT=${BENCH_PORT:-18471}
export BENCH_PG_DB=${BENCH_PG_DB:-rectrack_bench_read}
case "$BENCH_PG_DB" in test|rectrack_bench|rectrack|postgres|*_peer) echo "refusing to drop database $BENCH_PG_DB" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib.sh"
HERE="$ROOT/bench"
THREADS=${BENCH_THREADS:-2}; CONNECTIONS=${BENCH_CONNECTIONS:-16}; DURATION=${BENCH_DURATION:-10s}
ROUNDS=${BENCH_ROUNDS:-3}; MAX_SOLO_S=${BENCH_MAX_SOLO_S:-5}; AS_OF=${BENCH_AS_OF:-2015-12-31}
OUT="$WORK/read-$FLAVOUR-$N${BENCH_TAG:+-$BENCH_TAG}"
rm -rf "$OUT" && mkdir -p "$OUT/wrk"
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }; }
build_or_reuse "$FLAVOUR"
PEER=${BENCH_PEER:-1}
if [ "$PEER" = 1 ]; then
  if [ "${BENCH_NO_BUILD:-}" = 1 ] && [ -f "$WORK/peer-$FLAVOUR/quarkus-run.jar" ]; then
    say "reusing the peer's build in $WORK/peer-$FLAVOUR"
  else
    say "building the $FLAVOUR peer"; build_peer "$FLAVOUR"
  fi
fi

DATA_MARK="$WORK/data-$FLAVOUR.generated"
if [ "${BENCH_REUSE_DATA:-}" = 1 ] && [ "$(head -1 "$DATA_MARK" 2>/dev/null)" = "$N" ]; then
  # the data of the previous run of this flavour and size, as it was left (verified again below)
  say "reusing the data generated before"
  cp "$WORK/data-$FLAVOUR.log" "$OUT/generate.log"
  FIRST_START_MS="(not measured)"; GENERATE_S="(earlier)"
else
  rm -f "$DATA_MARK" "$WORK/data-$FLAVOUR.walk"
  # 1. an empty database, migrated by the service itself; then stopped (H2's file is locked while it runs)
  fresh_database "$FLAVOUR"
  launch_server "$FLAVOUR"; FIRST_START_MS=$STARTUP_MS
  stop_server
  say "first start (empty database, migrations): $FIRST_START_MS ms"

  # 2. the data
  started=$(date +%s%N)
  java -cp "$WORK/app-$FLAVOUR/lib/main/*" "$HERE/GenerateData.java" --url "$(jdbc_url "$FLAVOUR")" \
    --user "$(db_user "$FLAVOUR")" --recommendations "$N" 2> "$OUT/generate.log"
  GENERATE_S=$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN {printf "%.0f", (b - a) / 1e9}')
  cp "$OUT/generate.log" "$WORK/data-$FLAVOUR.log" && echo "$N" > "$DATA_MARK"
fi
LAST_SEQ=$(sed -n 's/.* \([0-9,]*\) change events).*/\1/p' "$OUT/generate.log" | tr -d ,)
ROWS=$(sed -n 's/.*wrote \([0-9,]*\) rows.*/\1/p' "$OUT/generate.log")
if [ "$FLAVOUR" = postgresql ]; then
  DB_SIZE=$(psql -h 127.0.0.1 -U postgres -tAc "select pg_size_pretty(pg_database_size('$BENCH_PG_DB'))")
else
  DB_SIZE="$(( $(stat -c %s "$WORK/h2/rectrack.mv.db") / 1048576 )) MB"
fi
say "generated $ROWS rows in $GENERATE_S s ($DB_SIZE); feed at $LAST_SEQ"

# BENCH_WALK=sql: the deep cursor is built from the database instead of following `next` (see below)
if [ "${BENCH_WALK:-api}" = sql ] && ! { [ "$GENERATE_S" = "(earlier)" ] && [ -f "$WORK/data-$FLAVOUR.walk" ]; }; then
  java -cp "$WORK/app-$FLAVOUR/lib/main/*" "$HERE/GenerateData.java" --url "$(jdbc_url "$FLAVOUR")" \
    --user "$(db_user "$FLAVOUR")" --cursor-at 0.9 > "$WORK/data-$FLAVOUR.walk"
  say "deep cursor built from the database: $(cat "$WORK/data-$FLAVOUR.walk")"
  GENERATE_S_WALK=sql
fi

# 3. the service on the data
launch_server "$FLAVOUR"; START_MS=$STARTUP_MS
say "start with $N recommendations: $START_MS ms"
PEER_ROWS=${BENCH_PEER_ROWS:-1000}; PEER_ROW=$(( (PEER_ROWS + 1) / 2 ))
if [ "$PEER" = 1 ]; then
  start_peer "$FLAVOUR"
  # the peer answers what it should: the row in the middle, and a full list of 50
  python3 - "$PEER_BASE" "$PEER_ROW" <<'PY'
import json, sys, urllib.request
base, row = sys.argv[1], int(sys.argv[2])
one = json.load(urllib.request.urlopen(f"{base}/fruits/{row}"))
page = json.load(urllib.request.urlopen(f"{base}/fruits?limit=50"))
if one != {"id": row, "name": f"fruit-{row}"} or len(page) != 50:
    raise SystemExit(f"peer: /fruits/{row} is {one}, the list has {len(page)} rows")
PY
  say "peer started on $PEER_BASE with $PEER_ROWS rows"
fi
python3 "$HERE/readbench.py" verify "$BASE" "$N" "$LAST_SEQ" | tee "$OUT/verify.txt" >&2
# where the feed ends now: the generator's last event, or on re-used data the writes of earlier runs
FEED_END=$(python3 "$HERE/readbench.py" feed-end "$BASE" "$LAST_SEQ")
if { [ "$GENERATE_S" = "(earlier)" ] || [ -n "${GENERATE_S_WALK:-}" ]; } && [ -f "$WORK/data-$FLAVOUR.walk" ]; then
  WALK=$(cat "$WORK/data-$FLAVOUR.walk")  # the same data: the cursor the earlier walk reached
  say "reusing the deep cursor of the earlier walk"
else
  WALK=$(python3 "$HERE/readbench.py" walk "$BASE" 0.9)
  echo "$WALK" > "$WORK/data-$FLAVOUR.walk"
fi
echo "$WALK" > "$OUT/walk.json"
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$WALK" "$1"; }
CURSOR=$(field cursor); ITEM=$(field first_reference)
say "deep cursor: $(field position) of $(field total) after $(field requests) pages of 500 in $(field seconds) s (slowest $(field slowest_s) s)"
FEED_AT=$(( LAST_SEQ * 9 / 10 ))
ETAG=$(curl -s -o /dev/null -D - -H 'Accept: application/json' "$BASE/api/v1/recommendations?limit=50" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
CODE=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json' -H "If-None-Match: $ETAG" "$BASE/api/v1/recommendations?limit=50")
[ "$CODE" = 304 ] || { echo "revalidation with ETag $ETAG answered $CODE, not 304" >&2; exit 1; }

# name|path|expected status|If-None-Match|base (empty: rectrack)
ENDPOINTS=(
  "ceiling: GET /q/health/live|/q/health/live|200|"
  "one recommendation|/api/v1/recommendations/$ITEM|200|"
  "filtered page of 50 (country, status)|/api/v1/recommendations?country=KZ&status=PARTIALLY_IMPLEMENTED&limit=50|200|"
  "first page of 50|/api/v1/recommendations?limit=50|200|"
  "deep page of 50 (at 90 %)|/api/v1/recommendations?limit=50&cursor=$CURSOR|200|"
  "stats?groupBy=theme|/api/v1/stats?groupBy=theme|200|"
  "stats?asOf=$AS_OF|/api/v1/stats?asOf=$AS_OF|200|"
  "304 revalidation of the first page|/api/v1/recommendations?limit=50|304|$ETAG"
  "change feed, 100 after 90 %|/api/v1/changes?after=$FEED_AT&limit=100|200|"
)
if [ "$PEER" = 1 ]; then
  ENDPOINTS+=(
    "peer: one row|/fruits/$PEER_ROW|200||$PEER_BASE"
    "peer: list of 50|/fruits?limit=50|200||$PEER_BASE"
  )
fi

# cpu_ticks: user + system clock ticks of rectrack and of the peer, added up
cpu_ticks() {
  local pid total=0
  for pid in $SERVER_PID $PEER_PID; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
  echo "$total"
}

# wait_idle: until the servers (and PostgreSQL for it) has finished what an earlier load left running
wait_idle() {
  local before after active
  for _ in $(seq 1 240); do
    before=$(cpu_ticks); sleep 0.5
    after=$(cpu_ticks)
    active=0
    if [ "$FLAVOUR" = postgresql ]; then
      active=$(psql -h 127.0.0.1 -U postgres -tAc "select count(*) from pg_stat_activity where datname in ('$BENCH_PG_DB', '$PEER_DB') and state = 'active' and pid <> pg_backend_pid()")
    fi
    # less than 10 % of one core in half a second (clock ticks are 1/100 s)
    if [ $(( after - before )) -le 5 ] && [ "$active" -eq 0 ]; then return 0; fi
  done
  say "server still busy after 2 minutes"
}

# run_wrk FILE DURATION URL [ETAG]: one wrk run; the largest RSS meanwhile of the server it loads (the peer
# for the peer's URLs) goes to FILE.rss
run_wrk() {
  local file=$1 duration=$2 url=$3 etag=${4:-} peak=0 r pid=$SERVER_PID
  local headers=(-H 'Accept: application/json')
  [ -n "$etag" ] && headers+=(-H "If-None-Match: $etag")
  [[ "$url" == "$PEER_BASE"/* ]] && pid=$PEER_PID
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 30s --latency "${headers[@]}" "$url" > "$file" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    r=$(ps -o rss= -p "$pid" | tr -d ' '); if [ "${r:-0}" -gt "$peak" ]; then peak=$r; fi; sleep 0.2
  done
  wait "$wrk_pid"
  echo "$peak" > "$file.rss"
  wait_idle
}

# one request at a time, 3 times: the median of curl's total time, in ms
solo_ms() {
  local url=$1 etag=${2:-} times=() t
  for _ in 1 2 3; do
    if [ -n "$etag" ]; then
      t=$(curl -s -o /dev/null -w '%{time_total}' -H 'Accept: application/json' -H "If-None-Match: $etag" "$url")
    else
      t=$(curl -s -o /dev/null -w '%{time_total}' -H 'Accept: application/json' "$url")
    fi
    times+=("$(awk -v t="$t" 'BEGIN {printf "%.1f", t * 1000}')")
  done
  median "${times[@]}"
}

# check every endpoint answers as expected, time it alone, warm it up
declare -A SOLO LOADED FIRST SKIPPED
for i in "${!ENDPOINTS[@]}"; do
  IFS='|' read -r name path expect etag base <<< "${ENDPOINTS[$i]}"
  url=${base:-$BASE}$path
  if [ -n "$etag" ]; then
    read -r code t <<< "$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Accept: application/json' -H "If-None-Match: $etag" "$url")"
  else
    read -r code t <<< "$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Accept: application/json' "$url")"
  fi
  [ "$code" = "$expect" ] || { echo "$name: $path answered $code, expected $expect" >&2; exit 1; }
  FIRST[$i]=$(awk -v t="$t" 'BEGIN {printf "%.1f", t * 1000}')
  SOLO[$i]=$(solo_ms "$url" "$etag")
  LOADED[$i]=$(awk -v s="${SOLO[$i]}" -v f="${FIRST[$i]}" -v m="$MAX_SOLO_S" 'BEGIN {print (s <= m * 1000 && f <= m * 1000) ? 1 : 0}')
  say "$name: first call ${FIRST[$i]} ms, then alone ${SOLO[$i]} ms"
  if [ "${LOADED[$i]}" = 1 ]; then run_wrk "$OUT/wrk/$i-warmup.txt" 3s "$url" "$etag"; fi
done

# BENCH_ONLY: a regular expression; only the endpoints whose name matches it (and the ceiling) are loaded
if [ -n "${BENCH_ONLY:-}" ]; then
  for i in "${!ENDPOINTS[@]}"; do
    if [ "$i" != 0 ] && ! [[ "${ENDPOINTS[$i]%%|*}" =~ $BENCH_ONLY ]]; then LOADED[$i]=0; SKIPPED[$i]=1; fi
  done
fi

# the rounds: every endpoint once per round, so drifting noise from other work on the machine
# spreads over all of them and over the ceiling alike
# nothing may write while we measure (a 304 needs an unchanged feed): count foreign writes
foreign_writes() {
  curl -s -H 'Accept: application/json' "$BASE/api/v1/changes?after=$FEED_END&limit=500" \
    | python3 -c "import json,sys; print(len(json.load(sys.stdin)['items']))"
}
FOREIGN=""
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!ENDPOINTS[@]}"; do
    [ "${LOADED[$i]}" = 1 ] || continue
    IFS='|' read -r name path expect etag base <<< "${ENDPOINTS[$i]}"
    run_wrk "$OUT/wrk/$i-$round.txt" "$DURATION" "${base:-$BASE}$path" "$etag"
    say "round $round: $name: $(python3 "$HERE/readbench.py" wrk "$OUT/wrk/$i-$round.txt")"
  done
  w=$(foreign_writes)
  if [ "$w" != 0 ] && [ -z "$FOREIGN" ]; then
    FOREIGN="$w changes written by someone else by the end of round $round: the rounds from then on are not valid"
    say "WARNING: $FOREIGN"
  fi
done
# Statistics are computed once per feed position and then shared, so the rounds above (no writes)
# measure the shared answer. What a write costs them is measured here, after the rounds: each
# statistic alone right after a write (median of 3), and under the same load while one write per
# second invalidates the answers. The write is an assessment, which changes the recommendation
# table: H2 re-uses a query's last result while none of its tables changed.
write_one() {
  curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    -d "{\"status\":\"PARTIALLY_IMPLEMENTED\",\"assessorType\":\"GOVERNMENT\",\"assessedOn\":\"$(date -u +%F)\",\"rationale\":\"benchmark write $1\"}" \
    "$BASE/api/v1/recommendations/$ITEM/assessments"
}
WRITES=0
declare -A AFTER_WRITE=() UNDER_WRITES=()
for i in "${!ENDPOINTS[@]}"; do
  IFS='|' read -r name path expect etag base <<< "${ENDPOINTS[$i]}"
  [[ "$name" == stats* ]] && [ -z "${SKIPPED[$i]:-}" ] || continue
  times=()
  for _ in 1 2 3; do
    WRITES=$((WRITES + 1)); code=$(write_one "$WRITES")
    [ "$code" = 201 ] || { echo "benchmark write answered $code" >&2; exit 1; }
    t=$(curl -s -o /dev/null -w '%{time_total}' -H 'Accept: application/json' "$BASE$path")
    times+=("$(awk -v t="$t" 'BEGIN {printf "%.1f", t * 1000}')")
  done
  AFTER_WRITE[$i]=$(median "${times[@]}")
  say "$name right after a write: ${AFTER_WRITE[$i]} ms"
  ( while :; do WRITES=$((WRITES + 1000)); write_one "w$RANDOM$WRITES" > /dev/null; sleep 1; done ) &
  writer=$!
  run_wrk "$OUT/wrk/$i-writes.txt" "$DURATION" "$BASE$path"
  kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null || true
  UNDER_WRITES[$i]=$(python3 "$HERE/readbench.py" wrk "$OUT/wrk/$i-writes.txt")
  say "$name under load with a write per second: ${UNDER_WRITES[$i]}"
done

# the 304s really were 304s: the server counted them
REVALIDATED=$(curl -s "$BASE/q/metrics" | grep '^http_server_requests_seconds_count' | grep 'status="304"' | grep -o '[0-9.E]*$' | head -1)

# results: medians over the rounds
# target NAME [MIN]: NAME's ratio to the ceiling, and whether it reaches MIN
target() {
  local ratio=${RATIO[$1]:-}
  if [ -z "$ratio" ]; then echo "(not loaded)"; return; fi
  if [ -z "${2:-}" ]; then echo "×$ratio"; return; fi
  echo "×$ratio (target ≥ $2: $(awk -v r="$ratio" -v t="$2" 'BEGIN {print (r >= t) ? "met" : "missed"}'))"
}
lat() { awk -v v="$1" -v d="$DURATION" 'BEGIN {if (v >= 999999) print "> " d; else printf "%.1f ms", v}'; }
{
  echo "#### $FLAVOUR, $N recommendations"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1);"
  echo "load average when the rounds started: $LOAD_BEFORE, when they ended: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "$ROWS rows generated in $GENERATE_S s ($DB_SIZE). First start on the empty database (migrations): $FIRST_START_MS ms;"
  if [ "$(field requests)" = 0 ]; then
    echo "start on the data: $START_MS ms (JVM launch to first ready answer). Deep cursor: $(field position) of $(field total),"
    echo "built from the database (BENCH_WALK=sql), not walked."
  else
    echo "start on the data: $START_MS ms (JVM launch to first ready answer). Deep cursor: $(field position) of $(field total)"
    echo "after $(field requests) pages of 500 following \`next\` ($(field seconds) s, slowest page $(field slowest_s) s)."
  fi
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, medians; server JVM options: '${BENCH_JAVA_OPTS:-}'."
  echo
  echo "| endpoint | req/s | p50 | p99 | first call | alone | vs ceiling | requests | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  ceiling=""
  peak=0; peer_peak=0
  declare -A RATIO=()
  for i in "${!ENDPOINTS[@]}"; do
    IFS='|' read -r name path expect etag base <<< "${ENDPOINTS[$i]}"
    if [ -n "${SKIPPED[$i]:-}" ]; then continue; fi
    if [ "${LOADED[$i]}" != 1 ]; then
      echo "| $name | not loaded | | | ${FIRST[$i]} ms | ${SOLO[$i]} ms | | | |"
      continue
    fi
    rps=(); p50=(); p99=(); errors=0; done_total=0
    for round in $(seq 1 "$ROUNDS"); do
      read -r a b c d e <<< "$(python3 "$HERE/readbench.py" wrk "$OUT/wrk/$i-$round.txt")"
      rps+=("$a"); errors=$((errors + d)); done_total=$((done_total + e))
      # a round in which no request finished has no latencies: it counts as "more than the duration"
      if [ "$e" = 0 ]; then p50+=(999999); p99+=(999999); else p50+=("$b"); p99+=("$c"); fi
      r=$(cat "$OUT/wrk/$i-$round.txt.rss")
      if [ -n "$base" ]; then
        if [ "$r" -gt "$peer_peak" ]; then peer_peak=$r; fi
      elif [ "$r" -gt "$peak" ]; then peak=$r; fi
    done
    m=$(median "${rps[@]}")
    if [ -z "$ceiling" ]; then ceiling=$m; fi
    RATIO[$name]=$(awk -v a="$m" -v b="$ceiling" 'BEGIN {printf "%.4f", a / b}')
    printf '| %s | %.1f | %s | %s | %s ms | %s ms | %.4f | %s | %s |\n' "$name" "$m" "$(lat "$(median "${p50[@]}")")" \
      "$(lat "$(median "${p99[@]}")")" "${FIRST[$i]}" "${SOLO[$i]}" "$(awk -v a="$m" -v b="$ceiling" 'BEGIN {print a / b}')" \
      "$done_total" "$errors"
  done
  echo
  if [ -n "$FOREIGN" ]; then echo "**WARNING: $FOREIGN.**"; echo; fi
  echo "Largest RSS of the server during the wrk runs: $(( peak / 1024 )) MiB. 304 answers counted by the server: ${REVALIDATED:-?}."
  if [ "$PEER" = 1 ]; then
    echo "The peer (bench/peer, plain Panache, $PEER_ROWS rows) on its own database, loaded in the same rounds:"
    echo "largest RSS $(( peer_peak / 1024 )) MiB."
  fi
  echo
  # the read targets of issue 12, judged on this run's own ceiling
  echo "Targets, from this run: one recommendation $(target "one recommendation" 0.4);"
  echo "first page of 50 $(target "first page of 50" 0.06). The plain Panache peer:"
  echo "one row $(target "peer: one row"), list of 50 $(target "peer: list of 50")."
  if [ "${#AFTER_WRITE[@]}" -gt 0 ]; then
    echo
    echo "Statistics when writes invalidate them (after the rounds): alone right after a write (median of 3),"
    echo "and under the same load while one write per second goes on (one run of $DURATION):"
    echo
    echo "| endpoint | alone after a write | req/s | p50 | p99 | requests | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for i in "${!ENDPOINTS[@]}"; do
      [ -n "${AFTER_WRITE[$i]:-}" ] || continue
      read -r a b c d e <<< "${UNDER_WRITES[$i]}"
      printf '| %s | %s ms | %.1f | %s | %s | %s | %s |\n' "${ENDPOINTS[$i]%%|*}" "${AFTER_WRITE[$i]}" "$a" \
        "$(lat "$([ "$e" = 0 ] && echo 999999 || echo "$b")")" "$(lat "$([ "$e" = 0 ] && echo 999999 || echo "$c")")" "$e" "$d"
    done
  fi
} > "$OUT/results.md"
cat "$OUT/results.md"
