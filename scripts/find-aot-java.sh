#!/usr/bin/env bash
# Prints the java binary of a JDK that can write and use an ahead-of-time cache (JDK 25 or newer:
# JEP 483/514), or nothing. Looks at $RULES_AOT_JAVA, the java on PATH, then /usr/lib/jvm/*.
# `make build` trains the cache with it; bin/rules runs that JDK when the cache is there.
set -uo pipefail
major() { # java binary -> its feature version (17, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
for j in "${RULES_AOT_JAVA:-}" "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
  [ -n "$j" ] && [ -x "$j" ] || continue
  v=$(major "$j")
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then
    echo "$j"
    exit 0
  fi
done
exit 0
