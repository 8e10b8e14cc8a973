#!/usr/bin/env bash
# The one place that installs the Debian packages we run as real peers: promtool and Prometheus,
# victoria-metrics (single-node, vmalert, vmagent), Alertmanager, the blackbox exporter, Python's
# prometheus_client (the mock exporter), docker-compose (its static check), curl, Maven, and
# Chromium with chromedriver (the web UI's browser tests). Used by `make test` and `make demo`.
# Installs as root or with sudo when something is missing. Missing packages that cannot be
# installed are a failure under CI=true or with --required; otherwise the integration tests that
# need them say so and are skipped.
set -euo pipefail

required=false
[ "${1:-}" = "--required" ] && required=true
[ "${CI:-}" = "true" ] && required=true

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have promtool && have prometheus || need+=(prometheus)
have victoria-metrics && have vmalert && have vmagent || need+=(victoria-metrics)
have prometheus-alertmanager || need+=(prometheus-alertmanager)
have prometheus-blackbox-exporter || need+=(prometheus-blackbox-exporter)
# Debian's python3 (the one python3-prometheus-client installs into), whatever python3 PATH finds.
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || need+=(python3-prometheus-client)
have curl || need+=(curl)
have openssl || need+=(openssl) # certificates for the TLS tests
have docker-compose || need+=(docker-compose) # `docker-compose config` checks compose/ without an engine
have mvn || need+=(maven)
# PostgreSQL's server binaries (cluster mode's state store); Debian keeps them off the PATH
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
# the web UI's browser tests (WebUiBrowserIT): headless Chromium and its WebDriver
have chromium || need+=(chromium)
have chromedriver || need+=(chromium-driver)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif have sudo && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "ensure-deps: missing ${need[*]} and no root or sudo to install them (apt-get install ${need[*]})" >&2
  $required && exit 1
  exit 0
fi

echo "ensure-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; then
  "${sudo[@]}" apt-get update -q >/dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
