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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Rules: groups of G, a mix of recording and alerting rules over 1000 series.
gen_rules() { # N G → rule file on stdout
  local n=$1 size=$2
  echo "groups:"
  for ((g = 0; g < n / size; g++)); do
    printf '  - name: bench-%d\n    interval: 10s\n    rules:\n' "$g"
    for ((r = 0; r < size; r++)); do
      i=$((g * size + r))
      case $((r % 4)) in
        0) printf '      - record: bench:sum:%d\n        expr: sum(bench_metric{job="j%d"}) by (instance)\n' "$i" $((i % 10)) ;;
        1) printf '      - record: bench:rate:%d\n        expr: sum(rate(bench_counter{job="j%d"}[1m]))\n' "$i" $((i % 10)) ;;
        2) printf '      - alert: BenchHigh%d\n        expr: bench_metric{job="j%d"} > 50\n        for: 30s\n        labels: {severity: warning}\n        annotations: {summary: "{{ $labels.instance }} is {{ $value }}"}\n' "$i" $((i % 10)) ;;
        3) printf '      - alert: BenchDown%d\n        expr: bench_metric{job="j%d"} < 10\n' "$i" $((i % 10)) ;;
      esac
    done
  done
}

start_vm() { # dir → prints URL
  local port dir=$1
  port=$(free_port)
  victoria-metrics -httpListenAddr=127.0.0.1:$port -storageDataPath="$dir" -retentionPeriod=100y \
    -search.latencyOffset=0s -loggerLevel=ERROR >"$dir.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  # 1000 series of a gauge and a counter, 10 minutes of history at 15 s
  python3 - "$port" <<'PY'
import sys, time, urllib.request
port = sys.argv[1]
now = int(time.time())
lines = []
for t in range(now - 600, now + 1, 15):
    for i in range(1000):
        lines.append(f'bench_metric{{job="j{i%10}",instance="i{i}"}} {(i*7+t)%100} {t*1000}')
        lines.append(f'bench_counter{{job="j{i%10}",instance="i{i}"}} {(t-now+600)*(i%5+1)} {t*1000}')
body = "\n".join(lines).encode()
urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/import/prometheus", body).read()
urllib.request.urlopen(f"http://127.0.0.1:{port}/internal/force_flush").read()
PY
  echo "http://127.0.0.1:$port"
}

cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$1/stat"; }
peak_rss_mib() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
metric() { # url name-regex [optional] → sum of matching samples
  # The value is the last field: vmalert writes a space after each comma between labels.
  # No matching sample is an error unless optional (a silent zero once hid a broken scrape);
  # missed-iteration counters appear only with the first miss.
  curl -sf "$1" | awk -v re="$2" -v opt="${3:-}" '!/^#/ && $1 ~ re {s += $NF; n++}
    END {if (!n && !opt) {print "no sample matches " re > "/dev/stderr"; exit 1}; printf "%d", s}'
}

measure() { # name pid metrics-url evals-regex missed-regex evaluations-per-sample
  local name=$1 pid=$2 url=$3 evals_re=$4 missed_re=$5 mult=$6
  sleep 5 # start-up, first slots
  local c0 e0 m0 c1 e1 m1
  c0=$(cpu_seconds "$pid"); e0=$(metric "$url" "$evals_re"); m0=$(metric "$url" "$missed_re" optional)
  sleep "$seconds"
  c1=$(cpu_seconds "$pid"); e1=$(metric "$url" "$evals_re"); m1=$(metric "$url" "$missed_re" optional)
  local evals=$(((e1 - e0) * mult))
  printf "%-8s %10.1f %8d %14.3f %10s\n" "$name" "$(echo "$evals / $seconds" | bc -l)" "$((m1 - m0))" \
    "$(echo "($c1 - $c0) * 1000 / ($evals + ($evals == 0))" | bc -l)" "$(peak_rss_mib "$pid")"
}

gen_rules "$rules" "$group_size" >"$work/rules.yml"
echo "$rules rules in $((rules / group_size)) groups of $group_size at 10s, measured over ${seconds}s after 5s warm-up"
printf "%-8s %10s %8s %14s %10s\n" engine "evals/s" missed "CPU ms/eval" "RSS MiB"

if [[ " $engines " == *" rules "* ]]; then
  vm1=$(start_vm "$work/vm1")
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
  vm2=$(start_vm "$work/vm2")
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
