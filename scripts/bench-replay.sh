#!/usr/bin/env bash
# Measures `rules replay` against `vmalert -replay` on the same machine, rules and data: R recording
# rules (default 100) in one group at 1m over D days (default 7) of 100 counters at 1m, each engine
# replaying into its own fresh VictoriaMetrics single-node loaded with the same data. Reports wall
# time, CPU seconds (user+system of the engine process and its children, from getrusage) and the
# samples each wrote. Half the rules give one series, half ten: about 5.5 series per rule.
# vmalert runs with -replay.rulesDelay=0s (its default 1s sleeps after every rule: 100 s more at
# 100 rules; ours waits only for rules that other rules read, and none do here) and
# -datasource.queryStep=1m (1.79 sends that flag as the range step, 5m by default).
# How to run: `make build`, then e.g.
#   scripts/bench-replay.sh            # issue 22's case: 100 rules, 7 days
#   scripts/bench-replay.sh 20 1       # a quick one
# One run each, the two taking turns; repeat it on a busy machine and report medians.
# Environment: ENGINES="rules vmalert" (which to run), RULES_JAVA_OPTS (JVM options for bin/rules).
# Usage: scripts/bench-replay.sh [RULES] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-100}
days=${2:-7}
engines=${ENGINES:-rules vmalert}
for b in victoria-metrics vmalert python3 curl; do
  command -v $b >/dev/null || { echo "$b is missing (apt-get install victoria-metrics)" >&2; exit 2; }
done
[ -f rules-cli/target/rules.jar ] || mvn -B -q -o -pl rules-cli -am package -DskipTests
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=scripts/lib/bench.sh
source scripts/lib/bench.sh

# The range: D whole days ending at the last midnight (UTC) but one.
to=$(python3 -c 'import time; print((int(time.time()) // 86400 - 1) * 86400)')
from=$((to - days * 86400))

gen_recording_rules() { # N → rule file on stdout (one group at 1m)
  echo "groups:"
  printf '  - name: bench\n    interval: 1m\n    rules:\n'
  for ((i = 0; i < $1; i++)); do
    if ((i % 2 == 0)); then
      printf '      - record: bench:requests:rate5m:%d\n        expr: sum(rate(bench_requests_total{job="j%d"}[5m]))\n' "$i" $((i % 10))
    else
      printf '      - record: bench:requests:rate5m_by_instance:%d\n        expr: sum by (instance) (rate(bench_requests_total{job="j%d"}[5m]))\n' "$i" $((i % 10))
    fi
  done
}

start_replay_vm() { # dir → sets vm_url; loads 100 counters at 1m from an hour before the range to its end
  launch_vm "$1"
  python3 - "$vm_port" "$from" "$to" <<'PY'
import sys, urllib.request
port, start, end = sys.argv[1], int(sys.argv[2]) - 3600, int(sys.argv[3])
url = f"http://127.0.0.1:{port}/api/v1/import/prometheus"
for i in range(100):
    lines, v = [], 0
    for t in range(start, end + 1, 60):
        v += 30 + (i * 7 + t // 60) % 60
        lines.append(f'bench_requests_total{{job="j{i % 10}",instance="i{i}"}} {v} {t * 1000}')
    urllib.request.urlopen(url, "\n".join(lines).encode()).read()
urllib.request.urlopen(f"http://127.0.0.1:{port}/internal/force_flush").read()
PY
  vm_url="http://127.0.0.1:$vm_port"
}

# Runs a command; prints "wall user+system" seconds of it and its children.
timed() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=open("/dev/null", "w"))
wall = time.monotonic() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.1f} {r.ru_utime + r.ru_stime:.1f} {rc}")
PY
}

written() { # url → samples of bench:* series in the store
  curl -sf "$1/api/v1/query" --data-urlencode "query=sum(count_over_time({__name__=~\"bench:.*\"}[$((days + 1))d]))" \
    --data-urlencode "time=$to" | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)'
}

gen_recording_rules "$rules" >"$work/rules.yml"
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
echo "$rules recording rules at 1m over $days days ($(iso $from) to $(iso $to)), 100 source counters"
printf "%-8s %9s %9s %6s %12s\n" engine "wall s" "CPU s" exit "samples"

if [[ " $engines " == *" rules "* ]]; then
  start_replay_vm "$work/vm1"; vm=$vm_url
  read -r wall cpu rc < <(timed ${RULES_CMD:-bin/rules} replay --rule "$work/rules.yml" --datasource.url "$vm" \
    --remoteWrite.url "$vm" --from "$from" --to "$to" --no-progress)
  curl -sf "$vm/internal/force_flush" >/dev/null
  printf "%-8s %9s %9s %6s %12s\n" rules "$wall" "$cpu" "$rc" "$(written "$vm")"
fi

if [[ " $engines " == *" vmalert "* ]]; then
  start_replay_vm "$work/vm2"; vm=$vm_url
  read -r wall cpu rc < <(timed vmalert -rule="$work/rules.yml" -datasource.url="$vm" -remoteWrite.url="$vm" \
    -replay.timeFrom="$(iso $from)" -replay.timeTo="$(iso $to)" -replay.rulesDelay=0s \
    -datasource.queryStep=1m -replay.disableProgressBar -loggerLevel=ERROR)
  curl -sf "$vm/internal/force_flush" >/dev/null
  printf "%-8s %9s %9s %6s %12s\n" vmalert "$wall" "$cpu" "$rc" "$(written "$vm")"
fi
