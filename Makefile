# The README's commands call these targets.
MVN ?= mvn -B -q
JAR := rules-cli/target/rules.jar
CDS := rules-cli/target/rules.jsa

.PHONY: build test run clean dashboards demo demo-stop

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

# The stack on 127.0.0.1 from Debian packages (no containers; compose/docker-compose.yml is the
# containerised version): installs what is missing (as root or with sudo), builds the engine if
# needed, waits for health, prints a status table, and stops everything on Ctrl-C.
demo:
	scripts/demo.sh

# Stop a demo started elsewhere (another terminal, or `scripts/demo.sh --detach`).
demo-stop:
	scripts/demo.sh stop
