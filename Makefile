# The README's commands call these targets.
MVN ?= mvn -B -q

.PHONY: build test run clean

build:
	$(MVN) -DskipTests package

# All tests, unit and integration (*IT, against real promtool/vmalert/VictoriaMetrics).
test:
	scripts/ensure-deps.sh
	$(MVN) -Dit verify

# The main job: build, then validate the rules we ship.
run: build
	bin/rules validate rules/

clean:
	$(MVN) clean
