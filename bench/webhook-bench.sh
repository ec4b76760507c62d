#!/usr/bin/env bash
# Webhook delivery: N writes (one event each) from C client threads to the packaged service, a
# receiver on loopback; latency from the event's commit to its receipt (median, p99, max) and
# throughput. Each run starts on an empty database; prints one Markdown row per run for
# docs/benchmarks.md.
#
#   bench/webhook-bench.sh h2|postgresql [N=2000] [C=4] [RUNS=1]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
FLAVOUR=${1:?h2 or postgresql}; N=${2:-2000}; C=${3:-4}; RUNS=${4:-1}

build_flavour "$FLAVOUR"
# the receiver is on loopback, which the service refuses unless told otherwise
export RECTRACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true
echo "| database | events | client threads | writes | deliveries | latency median | p99 | max | repeats | in seq order | bad signatures |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
for run in $(seq 1 "$RUNS"); do
  start_server "$FLAVOUR"
  python3 "$ROOT/bench/webhook-bench.py" "$BASE" "$FLAVOUR" "$N" "$C"
  stop_server
done
