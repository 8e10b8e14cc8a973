#!/usr/bin/env bash
# Writes the class-data-sharing archive `bin/rules run` maps (`make build` calls this): a dynamic
# archive of the classes a short `rules run` loads, dumped when it exits. The archive `make build`
# trains on `validate` lacks most of what `run` loads (logging, Quartz, okhttp, remote write, the
# HTTP server, the metrics), which then sits in metaspace with its symbols; mapped from the archive
# instead, that is about 5 MiB less resident memory (scripts/bench-run.sh at 1k rules).
# The training run evaluates scripts/lib/bench.sh's generated rules for a few seconds against a
# fresh VictoriaMetrics when one is installed (else against a port nobody listens on: query
# errors, fewer classes archived), notifies a closed port, and answers its HTTP endpoints once.
# Usage: scripts/train-run-cds.sh JAR ARCHIVE JAVA_OPTION...
set -uo pipefail
cd "$(dirname "$0")/.."
jar=$1
archive=$2
shift 2
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=scripts/lib/bench.sh
source scripts/lib/bench.sh

gen_rules 200 10 >"$work/rules.yml"
datasource=http://127.0.0.1:9
if command -v victoria-metrics >/dev/null; then
  mkdir -p "$work/vm"
  start_vm "$work/vm"
  datasource=$vm_url
fi
port=$(free_port)
rm -f "$archive"
java -XX:ArchiveClassesAtExit="$archive" "$@" -jar "$jar" run --rule "$work/rules.yml" \
  --datasource.url "$datasource" --remoteWrite.url "$datasource" --notifier.url http://127.0.0.1:9 \
  --httpListenAddr "127.0.0.1:$port" >"$work/run.log" 2>&1 &
pid=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/-/healthy" >/dev/null && break; sleep 0.2; done
sleep 12 # every group evaluated at least once, alerts firing, notifications and writes tried
for path in /metrics /api/v1/rules /api/v1/alerts /-/ready / /groups /status; do
  curl -s -o /dev/null "http://127.0.0.1:$port$path" || true
done
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
[ -f "$archive" ] || { echo "train-run-cds: no archive written (see the run's log above)" >&2; cat "$work/run.log" >&2; exit 1; }
