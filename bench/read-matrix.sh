#!/usr/bin/env bash
# The whole read benchmark of docs/benchmarks.md: both databases at 10,000, 100,000 and 1,000,000
# recommendations, one after the other (builds each flavour once). Results are appended to
# $BENCH_WORK/read-matrix.md; pass sizes to run only some, e.g. bench/read-matrix.sh 10000 100000
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export BENCH_WORK=${BENCH_WORK:-/tmp/rectrack-bench-read}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000 1000000)
( source "$HERE/lib.sh"; build_flavour h2; build_flavour postgresql; build_peer h2; build_peer postgresql )
for n in "${SIZES[@]}"; do
  for flavour in postgresql h2; do
    # H2 sorts the whole table for every page at a million rows: build the deep cursor from the database
    walk=api; if [ "$flavour" = h2 ] && [ "$n" -ge 1000000 ]; then walk=sql; fi
    BENCH_NO_BUILD=1 BENCH_WALK=$walk "$HERE/read-bench.sh" "$flavour" "$n" >> "$BENCH_WORK/read-matrix.md"
    echo >> "$BENCH_WORK/read-matrix.md"
  done
done
cat "$BENCH_WORK/read-matrix.md"
