#!/usr/bin/env bash
# Renders 10k annotations with the template engine and prints the time per round.
# The shaded jar carries every dependency; the benchmark class is among the test classes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl rules-cli -am package
mvn -B -q -DskipTests -pl go-template test-compile
java -cp rules-cli/target/rules.jar:go-template/target/test-classes io.vmrules.template.TemplateBenchmark
