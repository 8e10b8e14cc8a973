package io.vmrules.rules.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.rules.testing.AlertmanagerProcess;
import io.vmrules.rules.testing.EngineProcess;
import io.vmrules.testsupport.PostgresProcess;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three engines sharing 50 groups through PostgreSQL: each slot evaluated once cluster-wide, the
 * groups spread over the engines; a firing and a pending alert that keep their activeAt (and the
 * firing one its startsAt in a real Alertmanager) when the engines that evaluated them are killed
 * and their groups move; PostgreSQL stopped for 30 s; a rolling restart onto changed rules.
 */
class ClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GROUPS = 50;

  /** A group whose alert stays pending (for: 1h), besides the GROUPS firing ones. */
  private static final String PENDING = "pending";

  @TempDir Path dir;

  private static String rules() {
    return rules(GROUPS, false);
  }

  /**
   * The rule file: {@code groups} groups g0…, each one alert always firing after 3 s, and the group
   * {@value #PENDING} whose alert stays pending; {@code changed}: every alert gets an annotation (a
   * new version of the file, rolled out by restarts; every group changes, so that a group the first
   * restarted engine takes shows the drift).
   */
  private static String rules(int groups, boolean changed) {
    StringBuilder b = new StringBuilder("groups:\n");
    for (int i = 0; i < groups; i++) {
      b.append("  - name: g")
          .append(i)
          .append("\n    interval: 1s\n    rules:\n")
          .append("      - alert: Always")
          .append(i)
          .append("\n        expr: vector(1) > 0\n        for: 3s\n")
          .append("        labels:\n          severity: page\n");
      if (changed) {
        b.append("        annotations:\n          summary: rolled out\n");
      }
    }
    b.append("  - name: " + PENDING + "\n    interval: 1s\n    rules:\n")
        .append("      - alert: Pending\n        expr: vector(1) > 0\n        for: 1h\n");
    return b.toString();
  }

  /** The startsAt Alertmanager holds for the active alert {@code alertname}. */
  private static String amStartsAt(AlertmanagerProcess am, String alertname) throws Exception {
    List<String> found = new ArrayList<>();
    for (JsonNode a : am.alerts()) {
      if (a.path("labels").path("alertname").asText().equals(alertname)
          && a.path("status").path("state").asText().equals("active")) {
        found.add(a.path("startsAt").asText());
      }
    }
    assertThat(found).as("active %s in Alertmanager", alertname).hasSize(1);
    return found.get(0);
  }

  /** Each group's row: version (its evaluations stored), the engine that wrote last, its state. */
  private static Map<String, JsonNode> rows(
      Connection c, Map<String, Long> versions, Map<String, String> engines) throws Exception {
    Map<String, JsonNode> states = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT group_key, version, engine, state::text FROM vmrules.vmrules_group_state")) {
      while (r.next()) {
        String key = r.getString(1);
        String group = key.substring(key.lastIndexOf("\\0") + 2);
        versions.put(group, r.getLong(2));
        engines.put(group, r.getString(3));
        states.put(group, JSON.readTree(r.getString(4)));
      }
    }
    return states;
  }

  /** An Alertmanager stand-in: every alert posted, with the time it arrived. */
  private record Received(String alertname, long startsAt, long endsAt, long at) {
    boolean resolves() {
      return endsAt <= at + 30_000; // a firing alert's endsAt is minutes ahead
    }
  }

  private static com.sun.net.httpserver.HttpServer alertmanager(List<Received> received)
      throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        x -> {
          long at = System.currentTimeMillis();
          for (JsonNode a : JSON.readTree(x.getRequestBody())) {
            received.add(
                new Received(
                    a.path("labels").path("alertname").asText(),
                    java.time.Instant.parse(a.path("startsAt").asText()).toEpochMilli(),
                    java.time.Instant.parse(a.path("endsAt").asText()).toEpochMilli(),
                    at));
          }
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.start();
    return server;
  }

  @Test
  void threeEnginesShareTheGroupsAndAKilledEnginesGroupsContinueExactly() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, rules());
    List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer am = alertmanager(received);
    try (PostgresProcess pg = PostgresProcess.start();
        VictoriaMetricsProcess vm = VictoriaMetricsProcess.start();
        AlertmanagerProcess realAm = AlertmanagerProcess.launch()) {
      List<EngineProcess> engines = new ArrayList<>();
      Map<String, EngineProcess> byId = new HashMap<>();
      try {
        for (int i = 0; i < 3; i++) {
          String id = "engine-" + i;
          EngineProcess e =
              EngineProcess.start(
                  List.of(
                      "--rule", rules.toString(),
                      "--datasource.url", vm.url(),
                      "--notifier.url", "http://127.0.0.1:" + am.getAddress().getPort(),
                      "--notifier.url", realAm.url(),
                      "--cluster.db.url", pg.jdbcUrl(),
                      "--cluster.db.username", pg.user(),
                      "--cluster.instanceId", id,
                      "--cluster.checkinInterval", "2s"),
                  dir.resolve(id + ".log"));
          engines.add(e);
          byId.put(id, e);
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
          Map<String, Long> versions = new HashMap<>();
          Map<String, String> lastEngine = new HashMap<>();
          // every group fires somewhere
          await()
              .atMost(Duration.ofSeconds(60))
              .untilAsserted(
                  () -> {
                    Map<String, JsonNode> states = rows(c, versions, lastEngine);
                    assertThat(states).hasSize(GROUPS + 1);
                    states.forEach(
                        (g, s) ->
                            assertThat(s.toString())
                                .as(g)
                                .contains(
                                    g.equals(PENDING)
                                        ? "\"state\":\"PENDING\""
                                        : "\"state\":\"FIRING\""));
                  });
          // every engine's API shows the whole cluster's alerts, also of groups others evaluate
          for (EngineProcess e : engines) {
            await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(
                    () ->
                        assertThat(
                                JSON.readTree(e.get("/api/v1/alerts").body())
                                    .path("data")
                                    .path("alerts")
                                    .findValuesAsText("state"))
                            .hasSize(GROUPS + 1)
                            .containsOnly("firing", "pending")
                            .containsOnlyOnce("pending"));
          }
          // every engine's API names, per group, the engine that evaluated it last
          for (EngineProcess e : engines) {
            List<String> evaluators =
                JSON.readTree(e.get("/api/v1/rules").body())
                    .path("data")
                    .path("groups")
                    .findValuesAsText("lastEvaluator");
            assertThat(evaluators).hasSize(GROUPS + 1).isSubsetOf(byId.keySet());
            assertThat(new java.util.HashSet<>(evaluators)).hasSizeGreaterThanOrEqualTo(2);
          }
          Thread.sleep(3000);
          // each slot once: a group's evaluations over all engines are exactly the stored versions
          versions.clear();
          Map<String, JsonNode> states = rows(c, versions, lastEngine);
          double iterations = 0;
          int busy = 0;
          for (EngineProcess e : engines) {
            double n = e.metric("vmrules_group_iterations_total", "");
            iterations += n;
            busy += n > 0 ? 1 : 0;
          }
          long stored = versions.values().stream().mapToLong(Long::longValue).sum();
          assertThat(busy).as("engines that evaluated").isGreaterThanOrEqualTo(2);
          // evaluations still running between the two reads add at most one per group
          assertThat(iterations).isBetween((double) stored, (double) stored + 3 * (GROUPS + 1));
          for (EngineProcess e : engines) {
            assertThat(Files.readString(dir.resolve("engine-" + engines.indexOf(e) + ".log")))
                .doesNotContain("result is dropped");
          }

          // kill -9 the engines that last evaluated g0 (firing) and the pending group (one or two
          // engines): both continue elsewhere in the same state, with the same activeAt
          String victim = lastEngine.get("g0");
          java.util.Set<String> victims =
              java.util.Set.copyOf(List.of(victim, lastEngine.get(PENDING)));
          java.util.function.Predicate<EngineProcess> alive =
              e -> victims.stream().noneMatch(id -> byId.get(id) == e);
          long activeAt =
              states.get("g0").path("rules").path("0:Always0").get(0).path("activeAt").asLong();
          long firedAt =
              states.get("g0").path("rules").path("0:Always0").get(0).path("firedAt").asLong();
          long pendingSince =
              states.get(PENDING).path("rules").path("0:Pending").get(0).path("activeAt").asLong();
          long versionBefore = versions.get("g0");
          long pendingVersionBefore = versions.get(PENDING);
          String startsAtInAm = amStartsAt(realAm, "Always0");
          // failover: from the kill until another engine has evaluated every group the dead one
          // evaluated last (a group whose next slot the dead engine had already taken waits for
          // Quartz to declare it failed; the others move at their next slot)
          Map<String, String> held = new HashMap<>();
          rows(c, new HashMap<>(), held);
          for (String id : victims) {
            byId.get(id).kill();
          }
          long killedAt = System.nanoTime();
          held.values().removeIf(e -> !victims.contains(e));
          await()
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    Map<String, String> who = new HashMap<>();
                    rows(c, new HashMap<>(), who);
                    for (String g : held.keySet()) {
                      assertThat(who.get(g)).as(g).isNotIn(victims);
                    }
                  });
          // printed, not asserted: by design (CheckinTiming) it is at most the check-in interval
          // plus one slot, 3 s here, but a loaded machine delays check-ins and slots alike
          double failover = (System.nanoTime() - killedAt) / 1e9;
          await()
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    Map<String, Long> v = new HashMap<>();
                    Map<String, String> who = new HashMap<>();
                    rows(c, v, who);
                    assertThat(who.get("g0")).isNotIn(victims);
                    assertThat(v.get("g0")).isGreaterThan(versionBefore + 2);
                    assertThat(who.get(PENDING)).isNotIn(victims);
                    assertThat(v.get(PENDING)).isGreaterThan(pendingVersionBefore + 2);
                  });
          Map<String, JsonNode> moved = rows(c, new HashMap<>(), new HashMap<>());
          JsonNode after = moved.get("g0").path("rules").path("0:Always0").get(0);
          assertThat(after.path("state").asText()).isEqualTo("FIRING");
          assertThat(after.path("activeAt").asLong()).isEqualTo(activeAt);
          assertThat(after.path("firedAt").asLong()).isEqualTo(firedAt);
          JsonNode stillPending = moved.get(PENDING).path("rules").path("0:Pending").get(0);
          assertThat(stillPending.path("state").asText()).isEqualTo("PENDING");
          assertThat(stillPending.path("activeAt").asLong()).isEqualTo(pendingSince);
          // the real Alertmanager holds the alert as it was: same startsAt, still active
          assertThat(amStartsAt(realAm, "Always0")).isEqualTo(startsAtInAm);
          // PostgreSQL stopped for 30 s: no engine is ready, nothing is evaluated; then the
          // cluster resumes with the alerts as they were
          pg.stopServer();
          await()
              .atMost(Duration.ofSeconds(15))
              .untilAsserted(
                  () -> {
                    for (EngineProcess e : engines) {
                      if (alive.test(e)) {
                        assertThat(e.get("/-/ready").statusCode()).isEqualTo(503);
                      }
                    }
                  });
          Thread.sleep(30_000);
          pg.startServer();
          long resumedFrom;
          try (Connection c2 = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
            Map<String, Long> v2 = new HashMap<>();
            rows(c2, v2, new HashMap<>());
            resumedFrom = v2.get("g0");
            await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                    () -> {
                      Map<String, Long> v3 = new HashMap<>();
                      JsonNode g0 = rows(c2, v3, new HashMap<>()).get("g0");
                      assertThat(v3.get("g0")).isGreaterThan(resumedFrom + 2);
                      JsonNode alert = g0.path("rules").path("0:Always0").get(0);
                      assertThat(alert.path("state").asText()).isEqualTo("FIRING");
                      assertThat(alert.path("activeAt").asLong()).isEqualTo(activeAt);
                    });
            for (EngineProcess e : engines) {
              if (alive.test(e)) {
                await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> e.get("/-/ready").statusCode() == 200);
              }
            }
          }
          // a rolling restart onto a new version of the rule file (all changed, g11 removed): the
          // alerts stay firing with their activeAt throughout, g11 is resolved once
          // (a new connection: the server restarted)
          Connection c3 = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
          Map<String, Long> activeBefore = new HashMap<>();
          rows(c3, new HashMap<>(), new HashMap<>())
              .forEach(
                  (g, st) ->
                      activeBefore.put(
                          g, st.path("rules").elements().next().get(0).path("activeAt").asLong()));
          List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
          java.util.concurrent.atomic.AtomicBoolean polling =
              new java.util.concurrent.atomic.AtomicBoolean(true);
          Thread poller =
              new Thread(
                  () -> {
                    try (Connection p = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
                      while (polling.get()) {
                        rows(p, new HashMap<>(), new HashMap<>())
                            .forEach(
                                (g, st) -> {
                                  JsonNode a = st.path("rules").elements().next().get(0);
                                  String state = g.equals(PENDING) ? "PENDING" : "FIRING";
                                  if (!a.path("state").asText().equals(state)
                                      || a.path("activeAt").asLong() != activeBefore.get(g)) {
                                    violations.add(g + " " + a);
                                  }
                                });
                        Thread.sleep(200);
                      }
                    } catch (Exception ex) {
                      violations.add(ex.toString());
                    }
                  });
          poller.start();
          long rolloutStarted = System.nanoTime();
          Files.writeString(rules, rules(GROUPS - 1, true));
          // the killed engines come back first, with the new file
          for (EngineProcess e : engines) {
            if (!alive.test(e)) {
              e.restart();
            }
          }
          // an engine still on the old file says so in /-/ready once a new one ran a group
          EngineProcess old = engines.stream().filter(alive).findFirst().orElseThrow();
          await()
              .atMost(Duration.ofSeconds(20))
              .untilAsserted(
                  () -> {
                    old.get("/api/v1/rules"); // reads the cluster's state of every group
                    assertThat(old.get("/-/ready").body())
                        .startsWith("OK\n")
                        .contains("rule files differ from the cluster's");
                  });
          for (EngineProcess e : engines) {
            if (alive.test(e)) {
              e.stop();
              e.restart();
            }
          }
          String removed = "g" + (GROUPS - 1);
          await()
              .atMost(Duration.ofSeconds(20))
              .untilAsserted(
                  () -> {
                    Map<String, String> who = new HashMap<>();
                    assertThat(rows(c3, new HashMap<>(), who)).doesNotContainKey(removed);
                    assertThat(received)
                        .filteredOn(r -> r.alertname().equals("Always" + (GROUPS - 1)))
                        .filteredOn(Received::resolves)
                        .hasSize(1);
                  });
          // the new definitions run, and every engine evaluates again
          await()
              .atMost(Duration.ofSeconds(20))
              .untilAsserted(
                  () -> {
                    for (EngineProcess e : engines) {
                      assertThat(e.metric("vmrules_group_iterations_total", "")).isPositive();
                      assertThat(e.metric("vmrules_cluster_group_outdated", "")).isZero();
                    }
                  });
          Thread.sleep(2000);
          polling.set(false);
          poller.join();
          double rollout = (System.nanoTime() - rolloutStarted) / 1e9;
          assertThat(violations).isEmpty();
          // nothing fired twice (one startsAt per alert over the whole test), nothing else resolved
          Map<String, java.util.Set<Long>> starts = new HashMap<>();
          for (Received r : received) {
            starts.computeIfAbsent(r.alertname(), k -> new java.util.HashSet<>()).add(r.startsAt());
          }
          assertThat(starts).hasSize(GROUPS);
          assertThat(starts.values()).allSatisfy(set -> assertThat(set).hasSize(1));
          assertThat(received)
              .filteredOn(Received::resolves)
              .extracting(Received::alertname)
              .containsExactly("Always" + (GROUPS - 1));
          Thread.sleep(1500); // a second resolve would come within a slot or two
          assertThat(received).filteredOn(Received::resolves).hasSize(1);
          // the real Alertmanager: the same startsAt throughout, the removed group's alert gone
          assertThat(amStartsAt(realAm, "Always0")).isEqualTo(startsAtInAm);
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () ->
                      assertThat(realAm.alerts().findValuesAsText("alertname"))
                          .hasSize(GROUPS - 1)
                          .doesNotContain("Always" + (GROUPS - 1)));
          c3.close();
          // Flyway's start-up lines stay out of the engine's output
          assertThat(Files.readString(dir.resolve("engine-0.log")))
              .doesNotContain("flywaydb")
              .doesNotContain("Successfully applied");
          System.out.printf(
              "[ClusterIT] %d groups and a pending one, 3 engines: %.0f evaluations, %d stored; %s"
                  + " killed, their %d groups evaluated elsewhere after %.1f s (check-in 2 s, interval 1 s:"
                  + " bound 3 s); g0 moved on with activeAt %d; rolling restart onto new rules in %.1f s, %d notifications%n",
              GROUPS,
              iterations,
              stored,
              String.join(" and ", new java.util.TreeSet<>(victims)),
              held.size(),
              failover,
              activeAt,
              rollout,
              received.size());
        }
      } finally {
        for (EngineProcess e : engines) {
          e.close();
        }
      }
    } finally {
      am.stop(0);
    }
  }
}
