#!/usr/bin/env bash
# Installs the Debian packages the tests use as real peers (promtool, vmalert, victoria-metrics),
# as root or with sudo, when they are missing. Under CI=true a package that cannot be installed is
# a failure; elsewhere the integration tests that need it say so and are skipped.
set -euo pipefail

need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v vmalert >/dev/null 2>&1 || need+=(victoria-metrics)
command -v mvn >/dev/null 2>&1 || need+=(maven)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "ensure-deps: missing ${need[*]} and no root or sudo to install them" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi

echo "ensure-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; then
  "${sudo[@]}" apt-get update -q >/dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
