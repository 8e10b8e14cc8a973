#!/usr/bin/env bash
# Measures `rules run` against vmalert on the same machine, rules and data: N rules (default 1000)
# in groups of G (default 10) at a 10 s interval, for D seconds (default 90), each engine against
# its own fresh VictoriaMetrics single-node. Reports, from both engines' own /metrics and /proc:
# completed rule evaluations per second (vmrules_rule_evaluations_total, vmalert_execution_total),
# missed iterations (vmrules_group_iterations_missed_total, vmalert_iteration_missed_total), CPU
# ms per rule evaluation (utime+stime from /proc), and peak RSS (VmHWM).
# How to run: `make build`, then e.g.
#   scripts/bench-run.sh                 # issue 5's case: 1k rules, groups of 10, 90 s
#   scripts/bench-run.sh 10000 90 100    # 10k rules in 100 groups of 100
# Repeat it (the figures are noisy on a shared 2-core machine) and report medians.
# Environment: ENGINES="rules vmalert" (which to run), RULES_JAVA_OPTS (overrides the JVM options
# bin/rules picks for `run`; unset, the launcher's defaults are measured).
# Usage: scripts/bench-run.sh [RULES] [SECONDS] [GROUP_SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-1000}
seconds=${2:-90}
group_size=${3:-10}
engines=${ENGINES:-rules vmalert}
for b in victoria-metrics vmalert; do
  command -v $b >/dev/null || { echo "$b is missing (apt-get install victoria-metrics)" >&2; exit 2; }
done
[ -f rules-cli/target/rules.jar ] || mvn -B -q -o -pl rules-cli -am package -DskipTests
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=scripts/lib/bench.sh
source scripts/lib/bench.sh

measure() { # name pid metrics-url evals-regex missed-regex evaluations-per-sample
  local name=$1 pid=$2 url=$3 evals_re=$4 missed_re=$5 mult=$6
  sleep 5 # start-up, first slots
  local c0 e0 m0 c1 e1 m1
  c0=$(cpu_seconds "$pid"); e0=$(metric "$evals_re" required "$url"); m0=$(metric "$missed_re" optional "$url")
  sleep "$seconds"
  c1=$(cpu_seconds "$pid"); e1=$(metric "$evals_re" required "$url"); m1=$(metric "$missed_re" optional "$url")
  local evals=$(((e1 - e0) * mult))
  printf "%-8s %10.1f %8d %14.3f %10s\n" "$name" "$(echo "$evals / $seconds" | bc -l)" "$((m1 - m0))" \
    "$(echo "($c1 - $c0) * 1000 / ($evals + ($evals == 0))" | bc -l)" "$(peak_rss_mib "$pid")"
}

gen_rules "$rules" "$group_size" >"$work/rules.yml"
echo "$rules rules in $((rules / group_size)) groups of $group_size at 10s, measured over ${seconds}s after 5s warm-up"
printf "%-8s %10s %8s %14s %10s\n" engine "evals/s" missed "CPU ms/eval" "RSS MiB"

if [[ " $engines " == *" rules "* ]]; then
  start_vm "$work/vm1"; vm1=$vm_url
  port=$(free_port)
  # Like vmalert below (1.79 has no -notifier.blackhole): a notifier nobody listens on.
  bin/rules run --rule "$work/rules.yml" --datasource.url "$vm1" --remoteWrite.url "$vm1" \
    --notifier.url http://127.0.0.1:9 --httpListenAddr "127.0.0.1:$port" >"$work/rules.log" 2>&1 &
  pid=$!; pids+=($pid)
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/-/healthy" >/dev/null && break; sleep 0.2; done
  measure rules "$pid" "http://127.0.0.1:$port/metrics" '^vmrules_rule_evaluations_total' '^vmrules_group_iterations_missed_total' 1
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
fi

if [[ " $engines " == *" vmalert "* ]]; then
  start_vm "$work/vm2"; vm2=$vm_url
  port=$(free_port)
  # Nothing listens on the notifier port: both engines build each notification and fail to
  # connect, so both figures include that small extra work.
  vmalert -rule="$work/rules.yml" -datasource.url="$vm2" -remoteWrite.url="$vm2" -notifier.url=http://127.0.0.1:9 \
    -httpListenAddr="127.0.0.1:$port" -loggerLevel=ERROR >"$work/vmalert.log" 2>&1 &
  pid=$!; pids+=($pid)
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  # vmalert_execution_total counts rule evaluations (vmalert_iteration_total counts group runs)
  measure vmalert "$pid" "http://127.0.0.1:$port/metrics" '^vmalert_execution_total$' '^vmalert_iteration_missed_total' 1
fi
