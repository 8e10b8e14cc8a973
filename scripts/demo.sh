#!/usr/bin/env bash
# The local runner: the stack of compose/docker-compose.yml on 127.0.0.1, without containers, from
# Debian packages (design §7). One VictoriaMetrics single-node on 8428 stands in for the cluster.
#
#   scripts/demo.sh            start, wait for health, print the status table, run until Ctrl-C
#   scripts/demo.sh --detach   start, wait for health, print the table and return (stop it later)
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

# name port health-path: the order is the start order.
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
  "rules-engine 8880 /-/healthy"
)

say() { printf 'demo: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# --- stopping ------------------------------------------------------------------------------------

stop_demo() {
  local dir
  [ -f "$pointer" ] || { say "no demo is running (no $pointer)"; return 0; }
  dir="$(cat "$pointer")"
  if [ -f "$dir/pids" ]; then
    local name pid
    # TERM everything, then wait up to 15 s, then KILL what is left: only the pids we recorded.
    while read -r name pid; do kill -TERM "$pid" 2>/dev/null || true; done <"$dir/pids"
    for _ in $(seq 1 30); do
      local alive=0
      while read -r name pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$dir/pids"
      [ "$alive" = 0 ] && break
      sleep 0.5
    done
    while read -r name pid; do
      if kill -0 "$pid" 2>/dev/null; then say "$name ($pid) ignored TERM; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
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
    rules-engine) echo "http://127.0.0.1:$2/  (web UI; API: /api/v1/rules)" ;;
    *) echo "http://127.0.0.1:$2/targets" ;;
  esac
}

healthy() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1$2" 2>/dev/null; }

print_status() {
  local dir="$1" line name port path pid state
  printf '\n%-36s %-6s %-8s %-9s %s\n' COMPONENT PORT PID STATUS URL
  for line in "${components[@]}"; do
    read -r name port path <<<"$line"
    pid="$(awk -v n="$name" '$1 == n { print $2 }' "$dir/pids" 2>/dev/null)"
    if [ -z "$pid" ]; then
      state="skipped"; pid="-"
    elif ! kill -0 "$pid" 2>/dev/null; then
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
        --datasource.url http://127.0.0.1:8428 "$root/rules/" 2>/dev/null | grep -q '"warnings":0'; do
      sleep 10
    done
  fi
  printf '\nonline check: bin/rules validate --datasource.url http://127.0.0.1:8428 rules/\n'
  out="$("$root/bin/rules" validate --datasource.url http://127.0.0.1:8428 "$root/rules/" 2>&1 || true)"
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
  mkdir -p "$dir/logs" "$dir/conf"
  : >"$dir/pids"
  local t0=$SECONDS

  # Configs: the compose ones, localised; the monitoring agent gets the local variant.
  for f in "$compose"/vmagent/*.yml; do localise "$f" >"$dir/conf/$(basename "$f")"; done
  cp "$compose/local/vmagent-monitoring.yml" "$dir/conf/vmagent-monitoring.yml"
  localise "$compose/prometheus/prometheus.yml" >"$dir/conf/prometheus.yml"
  local with_engine=0
  if engine_runs; then
    with_engine=1
    printf '  - job_name: rules-engine\n    static_configs:\n      - targets: [127.0.0.1:8880]\n' \
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
    start rules-engine "$root/bin/rules" run --rule="$root/rules/*.yml" \
      --datasource.url=http://127.0.0.1:8428 --remoteRead.url=http://127.0.0.1:8428 \
      --remoteWrite.url=http://127.0.0.1:8428 --notifier.url=http://127.0.0.1:9093 \
      --datasource.uiURL=http://127.0.0.1:8428/vmui \
      --external.url=http://127.0.0.1:8880 --external.label=storage_region=us-east-1 \
      --evaluationInterval=30s --httpListenAddr=127.0.0.1:8880
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
      if ! kill -0 "$pid" 2>/dev/null; then
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

case "${1:-}" in
  stop) stop_demo ;;
  status)
    [ -f "$pointer" ] || die "no demo is running"
    print_status "$(cat "$pointer")" ;;
  --detach)
    start_demo
    say "the online check of rules/: scripts/demo.sh status (once data arrived)" ;;
  "")
    trap 'echo; stop_demo; exit 0' INT TERM
    start_demo
    say "running; Ctrl-C stops everything; the online check of rules/ follows once data arrived"
    print_online_check wait
    while sleep 1; do :; done ;;
  *) die "usage: $0 [--detach|status|stop]" ;;
esac
