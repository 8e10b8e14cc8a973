# The README's commands call these targets.
MVN ?= mvn -B -q
JAR := rules-engine/target/rules.jar
CDS := rules-engine/target/rules.jsa

.PHONY: build test run clean dashboards

# Build the jar, then a class-data-sharing archive from a training run of `validate`: it cuts the
# JVM start-up of every `bin/rules` run (bin/rules uses it when it matches the JVM).
build:
	$(MVN) -DskipTests package
	@rm -f $(CDS)
	@java -XX:ArchiveClassesAtExit=$(CDS) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $(JAR) \
	  validate --format json rules/ >/dev/null 2>&1 || true

# All tests, unit and integration (*IT, against real promtool/vmalert/VictoriaMetrics).
test:
	scripts/ensure-deps.sh
	$(MVN) -Dit verify

# The main job: build, then validate the rules we ship.
run: build
	bin/rules validate rules/

clean:
	$(MVN) clean

# Regenerate Grafana's provisioning (datasources, provider, dashboards JSON) from the dashboards module.
dashboards:
	$(MVN) -pl dashboards -am process-classes -Dgenerate-dashboards
