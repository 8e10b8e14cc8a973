#!/usr/bin/env bash
# The web UI's server time with many rules: 10k rules in groups of 10, 1k of them firing with two
# alerts each (2k firing alerts), rendered in the JVM options `bin/rules run` uses (Serial GC,
# C1 only, small young generation). Prints the median and 90th percentile per page, rendering
# alone and a whole request over loopback (render, gzip, send); with Chromium installed, also the
# time the alerts page's search takes to filter in the browser.
# How to run: `mvn -B -q -o install -DskipTests` (or `make build`), then
#   scripts/bench-ui.sh                 # 10000 rules, 1000 firing rules (2000 alerts), 30 rounds
#   scripts/bench-ui.sh 20000 2000 20
# Environment: BENCH_JAVA_OPTS replaces the JVM options; BROWSER=0 skips the browser part.
# Usage: scripts/bench-ui.sh [RULES] [FIRING_RULES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d rules-engine/target/test-classes/io/vmrules/rules/ui ] ||
  mvn -B -q -o install -DskipTests
cp_file=rules-engine/target/bench-ui.classpath
mvn -B -q -o dependency:build-classpath -pl rules-engine -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
opts=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xmn8m}
# shellcheck disable=SC2086
exec java $opts -Dbench.browser="${BROWSER:-1}" \
  -cp "rules-engine/target/classes:rules-engine/target/test-classes:$(cat "$cp_file")" \
  io.vmrules.rules.ui.WebUiBench "$@"
