#!/usr/bin/env bash
# Measures `rules run` against vmalert on the same machine, rules and data: N rules (default 1000)
# in groups of 10 at a 10 s interval, for D seconds (default 90), each against its own fresh
# VictoriaMetrics single-node. Reports completed rule evaluations per second, missed iterations,
# CPU seconds per rule evaluation (utime+stime from /proc), and peak RSS (VmHWM).
# Usage: scripts/bench-run.sh [RULES] [SECONDS]     JVM options: RULES_JAVA_OPTS (see below)
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-1000}
seconds=${2:-90}
for b in victoria-metrics vmalert; do
  command -v $b >/dev/null || { echo "$b is missing (apt-get install victoria-metrics)" >&2; exit 2; }
done
[ -f rules-engine/target/rules.jar ] || mvn -B -q -o -pl rules-engine -am package -DskipTests
export RULES_JAVA_OPTS=${RULES_JAVA_OPTS:-"-XX:+UseSerialGC -Xms16m -Xmx128m -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m -XX:CICompilerCount=2"}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Rules: groups of 10, a mix of recording and alerting rules over 1000 series.
gen_rules() { # N → rule file on stdout
  local n=$1
  echo "groups:"
  for ((g = 0; g < n / 10; g++)); do
    printf '  - name: bench-%d\n    interval: 10s\n    rules:\n' "$g"
    for ((r = 0; r < 10; r++)); do
      i=$((g * 10 + r))
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
metric() { # url name-regex → sum of matching samples
  curl -sf "$1" | awk -v re="$2" '$1 ~ re {s += $2} END {printf "%d", s}'
}

measure() { # name pid metrics-url evals-regex missed-regex per-iteration-rules
  local name=$1 pid=$2 url=$3 evals_re=$4 missed_re=$5 mult=$6
  sleep 5 # start-up, first slots
  local c0 e0 m0 c1 e1 m1
  c0=$(cpu_seconds "$pid"); e0=$(metric "$url" "$evals_re"); m0=$(metric "$url" "$missed_re")
  sleep "$seconds"
  c1=$(cpu_seconds "$pid"); e1=$(metric "$url" "$evals_re"); m1=$(metric "$url" "$missed_re")
  local evals=$(((e1 - e0) * mult))
  printf "%-8s %10.1f %8d %14.3f %10s\n" "$name" "$(echo "$evals / $seconds" | bc -l)" "$((m1 - m0))" \
    "$(echo "($c1 - $c0) * 1000 / ($evals + ($evals == 0))" | bc -l)" "$(peak_rss_mib "$pid")"
}

gen_rules "$rules" >"$work/rules.yml"
echo "$rules rules in $((rules / 10)) groups at 10s, measured over ${seconds}s after 5s warm-up"
printf "%-8s %10s %8s %14s %10s\n" engine "evals/s" missed "CPU ms/eval" "RSS MiB"

vm1=$(start_vm "$work/vm1")
port=$(free_port)
bin/rules run --rule "$work/rules.yml" --datasource.url "$vm1" --remoteWrite.url "$vm1" \
  --httpListenAddr "127.0.0.1:$port" >"$work/rules.log" 2>&1 &
pid=$!; pids+=($pid)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/-/healthy" >/dev/null && break; sleep 0.2; done
measure rules "$pid" "http://127.0.0.1:$port/metrics" '^vmrules_rule_evaluations_total' '^vmrules_group_iterations_missed_total' 1
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true

vm2=$(start_vm "$work/vm2")
port=$(free_port)
vmalert -rule="$work/rules.yml" -datasource.url="$vm2" -remoteWrite.url="$vm2" -notifier.url=http://127.0.0.1:9 \
  -httpListenAddr="127.0.0.1:$port" -loggerLevel=ERROR >"$work/vmalert.log" 2>&1 &
pid=$!; pids+=($pid)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
# vmalert counts group iterations; every group has 10 rules
measure vmalert "$pid" "http://127.0.0.1:$port/metrics" '^vmalert_iteration_total' '^vmalert_iteration_missed_total' 10
