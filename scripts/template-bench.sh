#!/usr/bin/env bash
# Renders 10k annotations with the template engine and prints the time per round.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl rules-engine -am test-compile -DskipTests
cp="$(mvn -B -q -o -pl rules-engine dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
java -cp "rules-engine/target/classes:rules-engine/target/test-classes:promql-grammar/target/classes:$cp" \
  io.vmrules.template.TemplateBenchmark
