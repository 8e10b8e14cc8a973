package io.vmrules.rules.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Three engines sharing the groups through PostgreSQL: each slot evaluated once cluster-wide, the
 * groups spread over the engines, and a firing alert that keeps its activeAt when the engine that
 * evaluated it is killed and its group moves.
 */
class ClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GROUPS = 12;

  @TempDir Path dir;

  private static String rules() {
    StringBuilder b = new StringBuilder("groups:\n");
    for (int i = 0; i < GROUPS; i++) {
      b.append("  - name: g")
          .append(i)
          .append("\n    interval: 1s\n    rules:\n")
          .append("      - alert: Always")
          .append(i)
          .append("\n        expr: vector(1) > 0\n        for: 3s\n")
          .append("        labels:\n          severity: page\n");
    }
    return b.toString();
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

  @Test
  void threeEnginesShareTheGroupsAndAKilledEnginesGroupsContinueExactly() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, rules());
    try (PostgresProcess pg = PostgresProcess.start();
        VictoriaMetricsProcess vm = VictoriaMetricsProcess.start()) {
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
                    assertThat(states).hasSize(GROUPS);
                    assertThat(states.values())
                        .allSatisfy(s -> assertThat(s.toString()).contains("\"state\":\"FIRING\""));
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
                            .hasSize(GROUPS)
                            .containsOnly("firing"));
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
          assertThat(iterations).isBetween((double) stored, (double) stored + 3 * GROUPS);
          for (EngineProcess e : engines) {
            assertThat(Files.readString(dir.resolve("engine-" + engines.indexOf(e) + ".log")))
                .doesNotContain("result is dropped");
          }

          // kill -9 the engine that last evaluated g0: g0 continues elsewhere, still firing,
          // with the same activeAt
          String victim = lastEngine.get("g0");
          long activeAt =
              states.get("g0").path("rules").path("0:Always0").get(0).path("activeAt").asLong();
          long firedAt =
              states.get("g0").path("rules").path("0:Always0").get(0).path("firedAt").asLong();
          long versionBefore = versions.get("g0");
          // failover: from the kill until another engine has evaluated every group the dead one
          // evaluated last (a group whose next slot the dead engine had already taken waits for
          // Quartz to declare it failed; the others move at their next slot)
          Map<String, String> held = new HashMap<>();
          rows(c, new HashMap<>(), held);
          byId.get(victim).kill();
          long killedAt = System.nanoTime();
          held.values().removeIf(e -> !e.equals(victim));
          await()
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    Map<String, String> who = new HashMap<>();
                    rows(c, new HashMap<>(), who);
                    for (String g : held.keySet()) {
                      assertThat(who.get(g)).as(g).isNotEqualTo(victim);
                    }
                  });
          double failover = (System.nanoTime() - killedAt) / 1e9;
          await()
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    Map<String, Long> v = new HashMap<>();
                    Map<String, String> who = new HashMap<>();
                    rows(c, v, who);
                    assertThat(who.get("g0")).isNotEqualTo(victim);
                    assertThat(v.get("g0")).isGreaterThan(versionBefore + 2);
                  });
          Map<String, Long> v = new HashMap<>();
          JsonNode after =
              rows(c, v, new HashMap<>()).get("g0").path("rules").path("0:Always0").get(0);
          assertThat(after.path("state").asText()).isEqualTo("FIRING");
          assertThat(after.path("activeAt").asLong()).isEqualTo(activeAt);
          assertThat(after.path("firedAt").asLong()).isEqualTo(firedAt);
          // PostgreSQL stopped for 10 s: no engine is ready, nothing is evaluated; then the
          // cluster resumes with the alert as it was
          pg.stopServer();
          await()
              .atMost(Duration.ofSeconds(15))
              .untilAsserted(
                  () -> {
                    for (EngineProcess e : engines) {
                      if (e != byId.get(victim)) {
                        assertThat(e.get("/-/ready").statusCode()).isEqualTo(503);
                      }
                    }
                  });
          Thread.sleep(10_000);
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
              if (e != byId.get(victim)) {
                await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> e.get("/-/ready").statusCode() == 200);
              }
            }
          }
          System.out.printf(
              "[ClusterIT] %d groups, 3 engines: %.0f evaluations, %d stored; %s killed, its %d groups"
                  + " evaluated elsewhere after %.1f s (check-in 2 s, interval 1 s); g0 moved on with"
                  + " activeAt %d%n",
              GROUPS, iterations, stored, victim, held.size(), failover, activeAt);
        }
      } finally {
        for (EngineProcess e : engines) {
          e.close();
        }
      }
    }
  }
}
