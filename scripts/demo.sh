#!/usr/bin/env bash
# The local runner: the stack of compose/docker-compose.yml on 127.0.0.1, without containers, from
# Debian packages (design §7). One VictoriaMetrics single-node on 8428 stands in for the cluster.
#
#   scripts/demo.sh            start, wait for health, print the status table, run until Ctrl-C
#   scripts/demo.sh --detach   start, wait for health, print the table and return (stop it later)
#   scripts/demo.sh --cluster N [--detach]
#                              N engines in cluster mode (issue 19) on ports 8880, 8881, …, sharing
#                              a private PostgreSQL (initdb + pg_ctl on a free 127.0.0.1 port in the
#                              demo's directory, as the postgres user when run as root)
#   scripts/demo.sh status     print the status table of the running demo
#   scripts/demo.sh stop       stop every process the demo started and remove its data
#
# Environment: DEMO_BUILD=0 never builds the engine or the provisioning (tests use this);
# DEMO_KEEP=1 keeps the data directory on stop; DEMO_HEALTH_TIMEOUT (seconds, default 120).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose="$root/compose"
pointer="${TMPDIR:-/tmp}/vmrules-demo-$(id -u).current"
health_timeout="${DEMO_HEALTH_TIMEOUT:-120}"

# name port health-path: the order is the start order. The engines and PostgreSQL are added by
# set_engines (one engine by default; N and the store with --cluster N).
components=(
  "victoria-metrics 8428 /health"
  "mock-exporter 2112 /metrics"
  "blackbox-exporter 9115 /-/healthy"
  "alertmanager 9093 /-/healthy"
  "prometheus-receiver 9091 /-/ready"
  "vmagent-ap-southeast-1-eks-01-dev 8429 /health"
  "vmagent-us-east-1-eks-01-prod 8430 /health"
  "vmagent-us-east-1-eks-02-prod 8431 /health"
  "vmagent-eu-west-1-eks-01-prod 8432 /health"
  "vmagent-ap-southeast-1-eks-01-prod 8433 /health"
  "vmagent-receiver-scraper 8434 /health"
  "vmagent-monitoring 8435 /health"
)
cluster=0 # engines in cluster mode; 0: one engine on its own

# set_engines N PGPORT: the engine components, rules-engine (8880), rules-engine-2 (8881), …, and
# the store before them when N > 0 (health "-": a pg_isready check, not HTTP).
set_engines() {
  local n=$1 i
  if [ "$n" -gt 0 ]; then
    components=("postgres $2 -" "${components[@]}")
    components+=("rules-engine 8880 /-/healthy")
    for ((i = 2; i <= n; i++)); do components+=("rules-engine-$i $((8879 + i)) /-/healthy"); done
  else
    components+=("rules-engine 8880 /-/healthy")
  fi
}

# Debian's PostgreSQL server binaries (off the PATH), the newest version installed.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# as_pg COMMAND...: as the postgres user when root (the server refuses to run as root).
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

say() { printf 'demo: %s\n' "$*" >&2; }
# alive PID: the process runs (a zombie does not: pg_ctl's server is reaped by init, maybe late).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]
}
die() { say "$*"; exit 1; }

# --- stopping ------------------------------------------------------------------------------------

stop_demo() {
  local dir
  [ -f "$pointer" ] || { say "no demo is running (no $pointer)"; return 0; }
  dir="$(cat "$pointer")"
  if [ -f "$dir/pids" ]; then
    local name pid
    # TERM everything but the store, then wait up to 15 s, then KILL what is left: only the pids
    # we recorded. The store goes last, so that the engines leave the cluster cleanly.
    while read -r name pid; do
      [ "$name" = postgres ] || kill -TERM "$pid" 2>/dev/null || true
    done <"$dir/pids"
    for _ in $(seq 1 30); do
      local running=0
      while read -r name pid; do
        # kill -0: a zombie counts until it is reaped, so that the caller finds nothing left
        [ "$name" != postgres ] && kill -0 "$pid" 2>/dev/null && running=1
      done <"$dir/pids"
      [ "$running" = 0 ] && break
      sleep 0.5
    done
    if [ -d "$dir/postgres/data" ] && [ -n "$(pg_bin)" ]; then
      as_pg "$(pg_bin)/pg_ctl" -D "$dir/postgres/data" -w -t 15 -m fast stop >/dev/null 2>&1 || true
      pid="$(awk '$1 == "postgres" { print $2 }' "$dir/pids")"
      for _ in $(seq 1 10); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    while read -r name pid; do
      if alive "$pid"; then say "$name ($pid) ignored TERM; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
    done <"$dir/pids"
  fi
  rm -f "$pointer"
  if [ "${DEMO_KEEP:-0}" = 1 ]; then
    say "stopped; data kept in $dir"
  else
    rm -rf "$dir"
    say "stopped; removed $dir"
  fi
}

# --- status --------------------------------------------------------------------------------------

url_of() {
  case "$1" in
    victoria-metrics) echo "http://127.0.0.1:$2/vmui/" ;;
    mock-exporter) echo "http://127.0.0.1:$2/metrics" ;;
    blackbox-exporter) echo "http://127.0.0.1:$2/" ;;
    alertmanager) echo "http://127.0.0.1:$2/#/alerts" ;;
    prometheus-receiver) echo "http://127.0.0.1:$2/graph" ;;
    rules-engine*) echo "http://127.0.0.1:$2/  (web UI; API: /api/v1/rules)" ;;
    postgres) echo "jdbc:postgresql://127.0.0.1:$2/postgres  (user postgres, password in postgres/password)" ;;
    *) echo "http://127.0.0.1:$2/targets" ;;
  esac
}

healthy() {
  if [ "$2" = - ]; then "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2; return; fi
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1$2" 2>/dev/null
}

# The engines of the demo in $1 (its `cluster` file: N and the store's port).
load_engines() {
  local n=0 port=""
  [ -f "$1/cluster" ] && read -r n port <"$1/cluster"
  cluster=$n
  set_engines "$n" "$port"
}

print_status() {
  local dir="$1" line name port path pid state
  [ "$cluster" -gt 0 ] && printf '\ncluster mode: %d engines share the groups and the alert state (PostgreSQL)\n' "$cluster"
  printf '\n%-36s %-6s %-8s %-9s %s\n' COMPONENT PORT PID STATUS URL
  for line in "${components[@]}"; do
    read -r name port path <<<"$line"
    pid="$(awk -v n="$name" '$1 == n { print $2 }' "$dir/pids" 2>/dev/null)"
    if [ -z "$pid" ]; then
      state="skipped"; pid="-"
    elif ! alive "$pid"; then
      state="exited"
    elif healthy "$port" "$path"; then
      state="healthy"
    else
      state="starting"
    fi
    printf '%-36s %-6s %-8s %-9s %s\n' "$name" "$port" "$pid" "$state" "$(url_of "$name" "$port")"
  done
  printf '%-36s %-6s %-8s %-9s %s\n' grafana 3001 - "n/a" \
    "not packaged by Debian; provisioning in provisioning/ (docker-compose runs Grafana)"
  [ "${2:-}" = starting ] || print_online_check
  printf '\ndata and logs: %s   stop: make demo-stop (or Ctrl-C in the foreground)\n\n' "$dir"
}

# The online check of the shipped rules against the running VictoriaMetrics: whether each rule can
# work on the stack's data (series exist, joins match, templates' labels exist). With "wait", asks
# again every 10 s until it finds nothing or 120 s have passed: the first scrapes, rate windows and
# the engine's own metrics take a minute to arrive.
print_online_check() {
  local jar="$root/rules-cli/target/rules.jar" deadline=$((SECONDS + 120)) out
  healthy 8428 /health && [ -f "$jar" ] || return 0
  if [ "${1:-}" = wait ]; then
    while [ $SECONDS -lt $deadline ] && ! "$root/bin/rules" validate --format json \
        --datasource.url http://127.0.0.1:8428 "$root"/rules/*.yml 2>/dev/null | grep -q '"warnings":0'; do
      sleep 10
    done
  fi
  # rules/*.yml: the rule files (rules/tests/ holds their unit tests, which are no rule files)
  printf '\nonline check: bin/rules validate --datasource.url http://127.0.0.1:8428 rules/*.yml\n'
  out="$("$root/bin/rules" validate --datasource.url http://127.0.0.1:8428 "$root"/rules/*.yml 2>&1 || true)"
  printf '%s\n' "$out" | sed 's/^/  /'
}

# --- starting ------------------------------------------------------------------------------------

install_missing() {
  "$root/scripts/ensure-deps.sh" --required || die "missing Debian packages (see above)"
}

# A Python that has prometheus_client (Debian's python3 does once python3-prometheus-client is in).
find_python() {
  local p
  for p in "${DEMO_PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && "$p" -c 'import prometheus_client' 2>/dev/null \
      && { command -v "$p"; return 0; }
  done
  return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_ports() {
  local line name port path busy=0
  for line in "${components[@]}"; do
    read -r name port path <<<"$line"
    if port_in_use "$port"; then
      say "port $port (for $name) is already in use on 127.0.0.1$(command -v ss >/dev/null 2>&1 \
        && ss -ltnpH "sport = :$port" 2>/dev/null | awk '{print ": " $NF}' | head -1)"
      busy=1
    fi
  done
  [ "$busy" = 0 ] || die "free the port(s) above (a demo already running? 'make demo-stop') and try again"
}

# Compose configs with every `service:port` rewritten to 127.0.0.1:port.
localise() {
  sed -E 's#\b(mock-exporter|blackbox-exporter|prometheus-receiver|alertmanager|rules-engine|vmagent-[a-z0-9-]+):([0-9]+)#127.0.0.1:\2#g' "$1"
}

# The engines' ports, one a line.
engine_ports() {
  local line name port path
  for line in "${components[@]}"; do
    read -r name port path <<<"$line"
    case "$name" in rules-engine*) echo "$port" ;; esac
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The cluster's store: a private PostgreSQL in $dir/postgres (owned by the postgres user when run
# as root) on $pg_port, with a random password for the postgres user in $dir/postgres/password.
start_postgres() {
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] || die "PostgreSQL is not installed (apt-get install postgresql)"
  local pg="$dir/postgres"
  mkdir -p "$pg"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$pg/password"
  chmod 600 "$pg/password"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 711 "$dir" # the postgres user must reach its own directory inside
    chown -R postgres:postgres "$pg"
  fi
  as_pg "$bin/initdb" -D "$pg/data" -U postgres --auth=scram-sha-256 --pwfile="$pg/password" \
    --no-sync -E UTF8 >"$dir/logs/initdb.log" 2>&1 || { cat "$dir/logs/initdb.log" >&2; die "initdb failed"; }
  as_pg "$bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 30 \
    -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1" start >"$dir/logs/pg_ctl.log" 2>&1 \
    || { tail -n 15 "$pg/server.log" >&2; die "PostgreSQL did not start (log: $pg/server.log)"; }
  echo "postgres $(head -n 1 "$pg/data/postmaster.pid")" >>"$dir/pids"
}

# The engine runs from the built jar (DEMO_BUILD=0 never builds it).
engine_runs() {
  [ -f "$root/rules-cli/target/rules.jar" ]
}

# start NAME COMMAND...: background the command with its output in logs/NAME.log, record the pid.
start() {
  local name="$1"; shift
  "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  echo "$name $!" >>"$dir/pids"
}

start_demo() {
  if [ -f "$pointer" ]; then
    local old; old="$(cat "$pointer")"
    if [ -f "$old/pids" ] && awk '{print $2}' "$old/pids" | xargs -r kill -0 2>/dev/null; then
      die "a demo is already running (data in $old); 'make demo-stop' first"
    fi
    rm -f "$pointer"
  fi
  install_missing
  pg_port=""
  [ "$cluster" -gt 0 ] && pg_port="$(free_port)"
  set_engines "$cluster" "$pg_port"
  check_ports
  local py; py="$(find_python)" || die "no python3 with prometheus_client (apt-get install python3-prometheus-client)"

  if [ "${DEMO_BUILD:-1}" != 0 ]; then
    if [ ! -f "$root/rules-cli/target/rules.jar" ]; then
      say "building the engine (make build)"; make -C "$root" --no-print-directory build >&2
    fi
    if [ ! -d "$root/provisioning" ] && grep -q '^dashboards:' "$root/Makefile"; then
      say "generating Grafana provisioning (make dashboards)"; make -C "$root" --no-print-directory dashboards >&2
    fi
  fi

  dir="$(mktemp -d "${TMPDIR:-/tmp}/vmrules-demo.XXXXXX")"
  echo "$dir" >"$pointer"
  echo "$cluster $pg_port" >"$dir/cluster"
  mkdir -p "$dir/logs" "$dir/conf"
  : >"$dir/pids"
  local t0=$SECONDS
  if [ "$cluster" -gt 0 ]; then start_postgres; fi

  # Configs: the compose ones, localised; the monitoring agent gets the local variant.
  for f in "$compose"/vmagent/*.yml; do localise "$f" >"$dir/conf/$(basename "$f")"; done
  cp "$compose/local/vmagent-monitoring.yml" "$dir/conf/vmagent-monitoring.yml"
  localise "$compose/prometheus/prometheus.yml" >"$dir/conf/prometheus.yml"
  local with_engine=0 targets
  if engine_runs; then
    with_engine=1
    targets="$(engine_ports | sed 's/^/127.0.0.1:/' | paste -sd, - | sed 's/,/, /g')"
    printf '  - job_name: rules-engine\n    static_configs:\n      - targets: [%s]\n' "$targets" \
      >>"$dir/conf/vmagent-monitoring.yml"
  fi

  start victoria-metrics victoria-metrics -httpListenAddr=127.0.0.1:8428 \
    -storageDataPath="$dir/victoria-metrics" -retentionPeriod=1d -search.latencyOffset=5s
  start mock-exporter "$py" "$compose/mock-exporter/exporter.py" --addr 127.0.0.1 --port 2112
  start blackbox-exporter prometheus-blackbox-exporter --config.file="$compose/blackbox/blackbox.yml" \
    --web.listen-address=127.0.0.1:9115
  start alertmanager prometheus-alertmanager --config.file="$compose/alertmanager/alertmanager.yml" \
    --storage.path="$dir/alertmanager" --web.listen-address=127.0.0.1:9093 --cluster.listen-address=
  start prometheus-receiver prometheus --config.file="$dir/conf/prometheus.yml" \
    --web.listen-address=127.0.0.1:9091 --web.enable-remote-write-receiver \
    --storage.tsdb.path="$dir/prometheus-receiver" --storage.tsdb.retention.time=1h
  local line name port path
  for line in "${components[@]}"; do
    read -r name port path <<<"$line"
    case "$name" in
      vmagent-*)
        start "$name" vmagent -httpListenAddr="127.0.0.1:$port" -promscrape.config="$dir/conf/$name.yml" \
          -promscrape.config.strictParse -remoteWrite.url=http://127.0.0.1:8428/api/v1/write \
          -remoteWrite.tmpDataPath="$dir/$name" -loggerLevel=WARN ;;
    esac
  done
  if [ "$with_engine" = 1 ]; then
    local engine=(run --rule="$root/rules/*.yml"
      --datasource.url=http://127.0.0.1:8428 --remoteWrite.url=http://127.0.0.1:8428
      --notifier.url=http://127.0.0.1:9093 --datasource.uiURL=http://127.0.0.1:8428/vmui
      --external.label=storage_region=us-east-1 --evaluationInterval=30s)
    if [ "$cluster" = 0 ]; then
      start rules-engine "$root/bin/rules" "${engine[@]}" --remoteRead.url=http://127.0.0.1:8428 \
        --external.url=http://127.0.0.1:8880 --httpListenAddr=127.0.0.1:8880
    else
      # Every engine: the same rules and store, its own instance id and port. The password is read
      # from a file, never given on a command line.
      local i=1 p
      for p in $(engine_ports); do
        start "$([ $i = 1 ] && echo rules-engine || echo "rules-engine-$i")" "$root/bin/rules" \
          "${engine[@]}" --external.url="http://127.0.0.1:$p" --httpListenAddr="127.0.0.1:$p" \
          --cluster.db.url="jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
          --cluster.db.username=postgres --cluster.db.passwordFile="$dir/postgres/password" \
          --cluster.instanceId="rules-engine-$i" --cluster.checkinInterval=5s
        i=$((i + 1))
      done
    fi
  else
    say "rules-engine: skipped (no rules-cli/target/rules.jar: make build)"
  fi

  # Wait until every started component answers its health endpoint.
  local pending deadline=$((SECONDS + health_timeout)) pid
  while :; do
    pending=()
    for line in "${components[@]}"; do
      read -r name port path <<<"$line"
      pid="$(awk -v n="$name" '$1 == n { print $2 }' "$dir/pids")"
      [ -n "$pid" ] || continue
      if ! alive "$pid"; then
        say "$name exited during start-up; last lines of $dir/logs/$name.log:"
        tail -n 15 "$dir/logs/$name.log" >&2 || true
        stop_demo; exit 1
      fi
      healthy "$port" "$path" || pending+=("$name")
    done
    [ ${#pending[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      say "not healthy after ${health_timeout}s: ${pending[*]} (logs in $dir/logs)"
      stop_demo; exit 1
    fi
    sleep 0.5
  done
  print_status "$dir" starting
  say "healthy in $((SECONDS - t0))s"
  # The shipped rules' unit tests (rules test starts a VictoriaMetrics of its own).
  if [ -d "$root/rules/tests" ] && [ -f "$root/rules-cli/target/rules.jar" ]; then
    if "$root/bin/rules" test "$root/rules/tests/" >"$dir/logs/rules-test.log" 2>&1; then
      say "rules test rules/tests/: $(tail -n 1 "$dir/logs/rules-test.log")"
    else
      say "rules test rules/tests/ FAILED: $(tail -n 1 "$dir/logs/rules-test.log") (see $dir/logs/rules-test.log)"
    fi
  fi
}

usage() { die "usage: $0 [--cluster N] [--detach] | status | stop"; }
detach=0
while [ $# -gt 0 ]; do
  case "$1" in
    stop) stop_demo; exit 0 ;;
    status)
      [ -f "$pointer" ] || die "no demo is running"
      load_engines "$(cat "$pointer")"
      print_status "$(cat "$pointer")"; exit 0 ;;
    --detach) detach=1 ;;
    --cluster)
      [[ "${2:-}" =~ ^[1-9][0-9]?$ ]] || usage
      cluster=$2; shift ;;
    --cluster=*)
      cluster=${1#--cluster=}
      [[ "$cluster" =~ ^[1-9][0-9]?$ ]] || usage ;;
    *) usage ;;
  esac
  shift
done

if [ "$detach" = 1 ]; then
  start_demo
  say "the online check of rules/: scripts/demo.sh status (once data arrived)"
else
  trap 'echo; stop_demo; exit 0' INT TERM
  start_demo
  say "running; Ctrl-C stops everything; the online check of rules/ follows once data arrived"
  print_online_check wait
  while sleep 1; do :; done
fi
