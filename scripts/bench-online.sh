#!/usr/bin/env bash
# Measures the online checks of `rules validate --datasource.url` (issue 20): N rules (default 1000,
# groups of 10, a 30 s interval) against a fresh VictoriaMetrics single-node holding S series
# (default 100000: 50 metrics x 2000 series in the stack's label shape, env/region/cluster/
# storage_region/job/instance, three samples in the last two minutes). Runs the check R times
# (default 3) and prints each run's wall time and the questions asked and queries sent (from the
# command's own stderr line), then the medians, beside the number of selectors in the rules.
# How to run: `make build`, then `scripts/bench-online.sh [RULES] [SERIES] [RUNS]`.
# The figures are noisy on a shared 2-core machine: repeat and report medians.
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-1000}
series=${2:-100000}
runs=${3:-3}
command -v victoria-metrics >/dev/null || { echo "victoria-metrics is missing (apt-get install victoria-metrics)" >&2; exit 2; }
[ -f rules-cli/target/rules.jar ] || mvn -B -q -o package -DskipTests
work=$(mktemp -d)
vm_pid=
cleanup() { [ -n "$vm_pid" ] && kill "$vm_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
victoria-metrics -httpListenAddr=127.0.0.1:$port -storageDataPath="$work/data" -retentionPeriod=100y \
  -search.latencyOffset=0s -loggerLevel=ERROR >"$work/vm.log" 2>&1 &
vm_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port"

# Series: 50 metrics, each over clusters x jobs x instances (stack labels), 3 samples a series.
python3 - "$port" "$series" <<'PY'
import sys, time, urllib.request
port, total = sys.argv[1], int(sys.argv[2])
clusters = [("prod", "us-east-1", "us-east-1-eks-01-prod"), ("prod", "us-east-1", "us-east-1-eks-02-prod"),
            ("prod", "eu-west-1", "eu-west-1-eks-01-prod"), ("prod", "ap-southeast-1", "ap-southeast-1-eks-01-prod"),
            ("dev", "ap-southeast-1", "ap-southeast-1-eks-01-dev")]
per_metric = total // 50
now = int(time.time())
lines = []
def flush():
    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/import/prometheus", "\n".join(lines).encode()).read()
    lines.clear()
for m in range(50):
    for s in range(per_metric):
        env, region, cluster = clusters[s % 5]
        labels = (f'env="{env}",region="{region}",cluster="{cluster}",storage_region="us-east-1",'
                  f'job="j{(s // 5) % 10}",instance="i{s // 50}"')
        for t in (now - 120, now - 60, now):
            lines.append(f'bench_m{m}{{{labels}}} {(s * 7 + t + m) % 100} {t * 1000}')
        if len(lines) >= 60000:
            flush()
if lines:
    flush()
urllib.request.urlopen(f"http://127.0.0.1:{port}/internal/force_flush").read()
PY
echo "VictoriaMetrics: $(curl -s "$url/api/v1/series/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0])') series"

# Rules: four shapes over the 50 metrics and 10 jobs, thresholds differing per rule.
python3 - "$rules" >"$work/rules.yml" <<'PY'
import sys
n = int(sys.argv[1])
print("groups:")
selectors = 0
for g in range(n // 10):
    print(f"  - name: bench-{g}\n    interval: 30s\n    rules:")
    for r in range(10):
        i = g * 10 + r
        m, j, t = i % 50, i % 10, i % 97
        sel = f'bench_m{m}{{job="j{j}"}}'
        shape = i % 4
        if shape == 0:
            expr, k = f"sum by (env, cluster) ({sel}) > {1000 + t}", 1
        elif shape == 1:
            expr, k = f'{sel} / on (cluster, job, instance) bench_m{(m + 1) % 50}{{job="j{j}"}} > {5 + t}', 2
        elif shape == 2:
            expr, k = f'avg by (cluster) (avg_over_time(bench_m{m}{{job="j{j}", env="prod"}}[5m])) > {50 + t}', 1
        else:
            expr, k = f"max by (cluster, job) ({sel}) - min by (cluster, job) ({sel}) > {t}", 2
        selectors += k
        kind = "record: bench:r" if i % 5 == 0 else "alert: Bench"
        print(f"      - {kind}{i}\n        expr: '{expr}'")
        if i % 5 != 0:
            print('        annotations: {summary: "{{ $labels.cluster }} is {{ $value }}"}')
print(f"# selectors: {selectors}")
PY
selectors=$(awk '/^# selectors:/ {print $3}' "$work/rules.yml")
echo "rules: $rules in $((rules / 10)) groups, $selectors selectors"

times=(); sent=(); asked=()
for r in $(seq "$runs"); do
  start=$(date +%s.%N)
  bin/rules validate --format json --datasource.url "$url" "$work/rules.yml" >"$work/out.json" 2>"$work/err.txt" || true
  end=$(date +%s.%N)
  line=$(grep '^online:' "$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; })
  t=$(echo "$end - $start" | bc)
  q=$(echo "$line" | sed -E 's/.* ([0-9]+) questions, ([0-9]+) queries sent/\1 \2/')
  findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len([x for x in d["diagnostics"] if x["code"].startswith("online.")]))' "$work/out.json")
  printf 'run %d: %.2f s wall, %s questions, %s queries sent, %s online findings\n' "$r" "$t" ${q% *} ${q#* } "$findings"
  times+=("$t"); asked+=("${q% *}"); sent+=("${q#* }")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
printf 'median of %d: %.2f s, %s queries sent for %s selectors (%s questions asked)\n' \
  "$runs" "$(median "${times[@]}")" "$(median "${sent[@]}")" "$selectors" "$(median "${asked[@]}")"
