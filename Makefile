# The README's commands call these targets.
MVN ?= mvn -B -q
JAR := rules-cli/target/rules.jar
CDS := rules-cli/target/rules.jsa
# `rules run` maps an archive of its own, trained on a short run (scripts/train-run-cds.sh).
RUN_CDS := rules-cli/target/rules-run.jsa
AOT := rules-cli/target/rules.aot
# `rules test` has a cache of its own, trained on the shipped rules' tests (it loads the evaluator,
# the HTTP client and remote write, which validate never touches).
AOT_TEST := rules-cli/target/rules-test.aot
# The training run: the JVM options bin/rules uses, and a validate run that reaches most of the code.
TRAIN_OPTS := -XX:+UseSerialGC -XX:TieredStopAtLevel=1
TRAIN := validate --format json rules/ rules-validator/src/test/resources/fixtures/

.PHONY: build test run clean dashboards demo demo-stop

# Build the jar, then what cuts the JVM start-up of every `bin/rules` run, from a training run of
# `validate` over the shipped rules and the validator's fixtures (good and bad files): a JDK 25+
# ahead-of-time cache (classes loaded and linked, as `bin/rules` uses them) when such a JDK is
# installed, and Java 17's class-data-sharing archive always (bin/rules falls back to it); and
# `run`'s own archive, from a short run (about 15 s).
build:
	$(MVN) -DskipTests package
	@rm -f $(CDS) $(RUN_CDS) $(AOT) $(AOT).java $(AOT_TEST)
	@java -XX:ArchiveClassesAtExit=$(CDS) $(TRAIN_OPTS) -jar $(JAR) $(TRAIN) >/dev/null 2>&1 || true
	@scripts/train-run-cds.sh $(JAR) $(RUN_CDS) $(TRAIN_OPTS) >/dev/null 2>&1 || true
	@j=$$(scripts/find-aot-java.sh); if [ -n "$$j" ]; then \
	  "$$j" -XX:AOTCacheOutput=$(AOT) $(TRAIN_OPTS) -jar $(JAR) $(TRAIN) >/dev/null 2>&1 || true; \
	  [ -f $(AOT) ] && echo "$$j" > $(AOT).java; \
	  if command -v victoria-metrics >/dev/null; then \
	    "$$j" -XX:AOTCacheOutput=$(AOT_TEST) --sun-misc-unsafe-memory-access=allow $(TRAIN_OPTS) \
	      -jar $(JAR) test rules/tests/ >/dev/null 2>&1 || true; fi; fi; true

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
