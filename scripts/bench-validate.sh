#!/usr/bin/env bash
# Times `bin/rules validate` against `promtool check rules` on generated rule files of 1k, 10k and
# 50k rules: whole-process wall time, start-up included, median of 5 runs each, the two taking turns.
# Usage: scripts/bench-validate.sh [SIZES...]   (default: 1000 10000 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 50000)
command -v promtool >/dev/null || { echo "promtool is missing (apt-get install prometheus)" >&2; exit 2; }
[ -f rules-cli/target/rules.jar ] && [ -d rules-validator/target/test-classes ] || mvn -B -q -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { # command... → wall seconds of one run
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "$e - $s" | bc
}

printf "%-8s %12s %12s %8s\n" rules "rules (s)" "promtool (s)" ratio
for n in "${sizes[@]}"; do
  dir="$work/$n"
  java -cp rules-cli/target/rules.jar:rules-validator/target/test-classes \
    io.vmrules.rules.conformance.CorpusGenerator "$dir" "$n" 1
  files=("$dir"/*.yml)
  # The two tools take turns, so that a machine whose speed drifts (shared hosts do) treats both
  # alike; median of 5 runs each.
  : >"$work/ours" && : >"$work/theirs"
  for _ in 1 2 3 4 5; do
    seconds bin/rules validate --dialect promql "${files[@]}" >>"$work/ours"
    seconds promtool check rules "${files[@]}" >>"$work/theirs"
  done
  ours=$(median <"$work/ours")
  theirs=$(median <"$work/theirs")
  printf "%-8s %12.3f %12.3f %8.2f\n" "$n" "$ours" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
done
