# shellcheck shell=bash
# What the benchmark scripts share: sourced by scripts/bench-run.sh, bench-cluster.sh and
# bench-replay.sh. The caller keeps an array `pids` of processes to kill when it exits.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Rules: groups of G at 10 s, a mix of recording and alerting rules over bench_series' 1000 series.
gen_rules() { # N G → rule file on stdout
  local n=$1 size=$2 g r i
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

# A fresh VictoriaMetrics single-node with the flags `rules test` uses (vm-single-node's SingleNode),
# healthy before it returns. Sets vm_port; its PID goes to `pids` (so not to be called in $(…): a
# subshell's `pids` is lost, and the process outlived the script when these scripts did that).
launch_vm() { # dir
  local dir=$1
  vm_port=$(free_port)
  victoria-metrics -httpListenAddr=127.0.0.1:$vm_port -storageDataPath="$dir" -retentionPeriod=100y \
    -search.latencyOffset=0s -loggerLevel=ERROR >"$dir.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$vm_port/health" >/dev/null && break; sleep 0.1; done
}

# What gen_rules' rules read: 1000 series of a gauge and a counter, 10 minutes of history at 15 s.
bench_series() { # port
  python3 - "$1" <<'PY'
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
}

# launch_vm, then bench_series. Sets vm_url.
start_vm() { # dir
  launch_vm "$1"
  bench_series "$vm_port"
  vm_url="http://127.0.0.1:$vm_port"
}

cpu_seconds() { # PIDs → summed utime+stime in seconds (processes gone count 0)
  local t p s=0
  t=$(getconf CLK_TCK)
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    # after the command name, which may hold spaces: utime and stime are the 12th and 13th fields
    s=$(sed 's/.*) //' "/proc/$p/stat" | awk -v s="$s" -v t="$t" '{print s + ($12 + $13) / t}')
  done
  echo "$s"
}

peak_rss_mib() { # PIDs → the largest VmHWM, in MiB with one decimal
  local p
  for p in "$@"; do awk '/VmHWM/ {print $2}' "/proc/$p/status"; done | sort -n | tail -n 1 | awk '{printf "%.1f", $1 / 1024}'
}

# The value is the last field: vmalert writes a space after each comma between labels.
# No matching sample is an error unless optional (a silent zero once hid a broken scrape);
# missed-iteration counters appear only with the first miss.
metric() { # name-regex required|optional URL... → sum of matching samples over the URLs
  local re=$1 opt=$2 u
  shift 2
  for u in "$@"; do curl -sf "$u"; done | awk -v re="$re" -v opt="$opt" '!/^#/ && $1 ~ re {s += $NF; n++}
    END {if (!n && opt != "optional") {print "no sample matches " re > "/dev/stderr"; exit 1}; printf "%d", s}'
}
