#!/usr/bin/env bash
# Measures `rules test` against `promtool test rules` on the same file: 20 test groups over the
# shipped rules (the groups of rules/tests/*.yml, repeated until there are 20), whole-process wall
# time, median of 5 runs each, the two taking turns. `rules test` starts its own VictoriaMetrics:
# that start-up is included.
# How to run: `make build`, then scripts/bench-test.sh [GROUPS]
set -euo pipefail
cd "$(dirname "$0")/.."
groups=${1:-20}
for b in promtool victoria-metrics python3; do
  command -v $b >/dev/null || { echo "$b is missing (scripts/ensure-deps.sh installs it)" >&2; exit 2; }
done
[ -f rules-cli/target/rules.jar ] || { echo "no rules-cli/target/rules.jar: make build" >&2; exit 2; }
ls rules/tests/*.yml >/dev/null 2>&1 || { echo "no rules/tests/*.yml" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/bench.yml" "$groups" rules/tests/*.yml <<'PY'
import os, sys, yaml
out, want, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rule_files, tests = [], []
for f in files:
    d = yaml.safe_load(open(f))
    for r in d.get("rule_files", []):
        p = os.path.abspath(os.path.join(os.path.dirname(f), r))
        if p not in rule_files:
            rule_files.append(p)
    tests += [t for t in d.get("tests", []) if "metricsql_expr_test" not in t]
if not tests:
    sys.exit("no test groups in rules/tests")
groups = [dict(tests[i % len(tests)], name="%s #%d" % (tests[i % len(tests)].get("name", "t"), i)) for i in range(want)]
yaml.safe_dump({"rule_files": rule_files, "evaluation_interval": "1m", "tests": groups}, open(out, "w"), sort_keys=False)
PY
now() { date +%s.%N; }
run() { # command... -> seconds
  local t0 t1
  t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
  python3 -c "print(f'{$t1 - $t0:.3f}')"
}
ours=(); theirs=()
for i in 1 2 3 4 5; do
  ours+=("$(run bin/rules test "$work/bench.yml")")
  theirs+=("$(run promtool test rules "$work/bench.yml")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "$groups test groups over rules/*.yml, median of 5 (whole process):"
echo "  rules test          $(median "${ours[@]}") s   (runs: ${ours[*]})"
echo "  promtool test rules $(median "${theirs[@]}") s   (runs: ${theirs[*]})"
bin/rules test "$work/bench.yml" | tail -n 1 | sed 's/^/  rules test verdict: /'
promtool test rules "$work/bench.yml" >/dev/null 2>&1 && echo "  promtool verdict: pass" || echo "  promtool verdict: fail"
