#!/usr/bin/env bash
# Measures cluster mode (issue 19): `rules run` alone (the embedded baseline: RAM job store, state
# in memory), then 1, 2 and 3 engines in cluster mode sharing one private PostgreSQL, all on the
# same generated rules (default 10k rules in groups of 100 at a 10 s interval) against one
# VictoriaMetrics single-node. Each configuration gets a fresh database, a warm-up, then a window
# of D seconds in which it reports, summed over its engines:
#   evals/s      rule evaluations per second (vmrules_rule_evaluations_total)
#   iters/s      group evaluations per second (vmrules_group_iterations_total)
#   missed       missed group iterations (vmrules_group_iterations_missed_total)
#   CPU ms/eval  the engines' CPU (utime+stime from /proc of their PIDs) per rule evaluation
#   PG ms/eval   PostgreSQL's CPU (its server and backend processes, from /proc) per rule evaluation
#   xacts/iter   PostgreSQL transactions (pg_stat_database xact_commit + xact_rollback) per group
#                evaluation: the state read and write and Quartz's trigger acquisition, firing and
#                check-ins (pg_stat_statements is not needed)
#   rows/iter    rows inserted, updated or deleted (pg_stat_user_tables) per group evaluation
#   load/store p99  the 99th percentile of the shared state's read and write in ms, over all
#                engines (vmrules_cluster_state_seconds, interpolated within its buckets as
#                histogram_quantile does)
# PostgreSQL publishes its counters with a delay of up to ~10 s per backend, so the database
# columns are approximate over short windows.
# How to run: `make build`, then e.g.
#   scripts/bench-cluster.sh                # 10k rules in groups of 100, 90 s per configuration
#   scripts/bench-cluster.sh 1000 30        # 1k rules, 30 s
# Environment: CONFIGS="embedded cluster1 cluster2 cluster3" (which to run), WARMUP (seconds
# after the engines are healthy before measuring, default 15), CHECKIN (--cluster.checkinInterval,
# default 5s). All engines share the machine: on a 2-core machine more engines cannot add CPU.
# Usage: scripts/bench-cluster.sh [RULES] [SECONDS] [GROUP_SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-10000}
seconds=${2:-90}
group_size=${3:-100}
configs=${CONFIGS:-embedded cluster1 cluster2 cluster3}
warmup=${WARMUP:-15}
checkin=${CHECKIN:-5s}
command -v victoria-metrics >/dev/null || { echo "victoria-metrics is missing (apt-get install victoria-metrics)" >&2; exit 2; }
pg=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg" ] || { echo "PostgreSQL is missing (apt-get install postgresql)" >&2; exit 2; }
[ -f rules-cli/target/rules.jar ] || { echo "no rules-cli/target/rules.jar: make build" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$work/pg/data/postmaster.pid" ] && as_pg "$pg/pg_ctl" -D "$work/pg/data" -w -m fast stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# as the postgres user when root (the server refuses to run as root)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# shellcheck source=scripts/lib/bench.sh
source scripts/lib/bench.sh

# A private PostgreSQL with trust authentication on a free loopback port (a benchmark's throwaway).
start_pg() {
  mkdir -p "$work/pg"
  if [ "$(id -u)" -eq 0 ]; then chmod 711 "$work"; chown postgres:postgres "$work/pg"; fi
  pg_port=$(free_port)
  as_pg "$pg/initdb" -D "$work/pg/data" -U postgres --auth=trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1
  as_pg "$pg/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 30 \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
}
psql_q() { "$pg/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -Atqc "$2"; }

pg_pids() { # the postmaster and its children (the backends of the engines' pools)
  local main
  main=$(head -n 1 "$work/pg/data/postmaster.pid")
  echo "$main"
  ps -o pid= --ppid "$main"
}
db_counters() { # database → "transactions rows-written"
  psql_q "$1" "SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()),
    (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables)" | tr '|' ' '
}
state_buckets() { # URL... → "op le count" lines of vmrules_cluster_state_seconds, summed over engines
  local u
  for u in "$@"; do curl -sf "$u"; done | awk '/^vmrules_cluster_state_seconds_bucket/ {
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
    match($0, /op="[^"]*"/); op = substr($0, RSTART + 4, RLENGTH - 5)
    n[op " " le] += $NF } END {for (k in n) print k, n[k]}'
}
p99_ms() { # op before-file after-file → the p99 in ms of the observations between the two
  python3 - "$1" "$2" "$3" <<'PY'
import sys
op, a, b = sys.argv[1:]
def read(f):
    d = {}
    for line in open(f):
        o, le, n = line.split()
        if o == op:
            d[float("inf") if le == "+Inf" else float(le)] = float(n)
    return d
x, y = read(a), read(b)
buckets = sorted((le, y[le] - x.get(le, 0)) for le in y)
if not buckets or buckets[-1][1] <= 0:
    print("-"); sys.exit()
rank, prev_le, prev_n = 0.99 * buckets[-1][1], 0.0, 0.0
for le, n in buckets:
    if n >= rank:
        if le == float("inf"):
            print(">%.0f" % (prev_le * 1000)); sys.exit()
        print("%.2f" % ((prev_le + (le - prev_le) * (rank - prev_n) / max(n - prev_n, 1e-9)) * 1000)); sys.exit()
    prev_le, prev_n = le, n
PY
}

run_config() { # name engines cluster(0|1)
  local name=$1 n=$2 cluster=$3 i port db="" engines=() urls=() flags=()
  if [ "$cluster" = 1 ]; then
    db="bench_$name"
    psql_q postgres "CREATE DATABASE $db" >/dev/null
  fi
  for ((i = 1; i <= n; i++)); do
    port=$(free_port)
    flags=()
    [ "$cluster" = 1 ] && flags=(--cluster.db.url "jdbc:postgresql://127.0.0.1:$pg_port/$db"
      --cluster.db.username postgres --cluster.instanceId "$name-$i" --cluster.checkinInterval "$checkin")
    bin/rules run --rule "$work/rules.yml" --datasource.url "$vm" --remoteWrite.url "$vm" \
      --notifier.url http://127.0.0.1:9 --httpListenAddr "127.0.0.1:$port" "${flags[@]}" \
      >"$work/$name-$i.log" 2>&1 &
    engines+=($!)
    pids+=($!)
    urls+=("http://127.0.0.1:$port/metrics")
  done
  for u in "${urls[@]}"; do
    for _ in $(seq 300); do curl -sf "${u%/metrics}/-/healthy" >/dev/null && break; sleep 0.2; done
  done
  sleep "$warmup"
  local c0 p0 e0 i0 m0 x0=0 w0=0 c1 p1 e1 i1 m1 x1=0 w1=0
  c0=$(cpu_seconds "${engines[@]}"); p0=$(cpu_seconds $(pg_pids))
  e0=$(metric '^vmrules_rule_evaluations_total' required "${urls[@]}")
  i0=$(metric '^vmrules_group_iterations_total' required "${urls[@]}")
  m0=$(metric '^vmrules_group_iterations_missed_total' optional "${urls[@]}")
  [ -n "$db" ] && read -r x0 w0 < <(db_counters "$db")
  state_buckets "${urls[@]}" >"$work/$name.b0"
  sleep "$seconds"
  c1=$(cpu_seconds "${engines[@]}"); p1=$(cpu_seconds $(pg_pids))
  e1=$(metric '^vmrules_rule_evaluations_total' required "${urls[@]}")
  i1=$(metric '^vmrules_group_iterations_total' required "${urls[@]}")
  m1=$(metric '^vmrules_group_iterations_missed_total' optional "${urls[@]}")
  [ -n "$db" ] && read -r x1 w1 < <(db_counters "$db")
  state_buckets "${urls[@]}" >"$work/$name.b1"
  local rss; rss=$(peak_rss_mib "${engines[@]}")
  kill -TERM "${engines[@]}" 2>/dev/null || true
  for i in "${engines[@]}"; do wait "$i" 2>/dev/null || true; done
  local evals=$((e1 - e0)) iters=$((i1 - i0))
  local ev=$((evals + (evals == 0))) it=$((iters + (iters == 0)))
  if [ -n "$db" ]; then
    printf "%-10s %7d %9.1f %8.1f %7d %12.3f %11.3f %11.1f %10.1f %8s %9s %10s\n" "$name" "$n" \
      "$(echo "$evals / $seconds" | bc -l)" "$(echo "$iters / $seconds" | bc -l)" "$((m1 - m0))" \
      "$(echo "($c1 - $c0) * 1000 / $ev" | bc -l)" "$(echo "($p1 - $p0) * 1000 / $ev" | bc -l)" \
      "$(echo "($x1 - $x0) / $it" | bc -l)" "$(echo "($w1 - $w0) / $it" | bc -l)" "$rss" \
      "$(p99_ms load "$work/$name.b0" "$work/$name.b1")" "$(p99_ms store "$work/$name.b0" "$work/$name.b1")"
  else
    printf "%-10s %7d %9.1f %8.1f %7d %12.3f %11s %11s %10s %8s\n" "$name" "$n" \
      "$(echo "$evals / $seconds" | bc -l)" "$(echo "$iters / $seconds" | bc -l)" "$((m1 - m0))" \
      "$(echo "($c1 - $c0) * 1000 / $ev" | bc -l)" - - - "$rss"
  fi
}

gen_rules "$rules" "$group_size" >"$work/rules.yml"
start_vm "$work/vm"; vm=$vm_url
start_pg
echo "$rules rules in $((rules / group_size)) groups of $group_size at 10s, one VictoriaMetrics, one PostgreSQL" \
  "($("$pg/postgres" --version | awk '{print $3}')), $(nproc) CPUs; each configuration measured over ${seconds}s after a ${warmup}s warm-up"
printf "%-10s %7s %9s %8s %7s %12s %11s %11s %10s %8s %9s %10s\n" config engines "evals/s" "iters/s" missed \
  "CPU ms/eval" "PG ms/eval" "xacts/iter" "rows/iter" "RSS MiB" "load p99" "store p99"
for c in $configs; do
  case $c in
    embedded) run_config embedded 1 0 ;;
    cluster[1-9]) run_config "$c" "${c#cluster}" 1 ;;
    *) echo "unknown configuration $c" >&2; exit 2 ;;
  esac
done
