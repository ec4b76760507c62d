#!/usr/bin/env bash
# Webhook delivery: N writes (one event each) to the packaged service, a receiver on loopback;
# latency from the event's commit to its receipt (median, p99, max) and throughput. "steady": single
# POSTs from C client threads; "burst": one import of N rows (N events at once: the drain rate). Each
# run starts on an empty database; prints one Markdown row per run for docs/benchmarks.md.
#
#   bench/webhook-bench.sh h2|postgresql steady|burst [N=2000] [C=4] [RUNS=1]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
FLAVOUR=${1:?h2 or postgresql}; MODE=${2:?steady or burst}; N=${3:-2000}; C=${4:-4}; RUNS=${5:-1}

build_flavour "$FLAVOUR"
# the receiver is on loopback, which the service refuses unless told otherwise
export RECTRACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true
echo "| database | mode | events | client threads | writes | deliveries (from the first write) | after the writes | latency median | p99 | max | repeats | in seq order | bad signatures |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
for run in $(seq 1 "$RUNS"); do
  start_server "$FLAVOUR"
  python3 "$ROOT/bench/webhook-bench.py" "$BASE" "$FLAVOUR" "$MODE" "$N" "$C"
  stop_server
done
