package io.vmrules.rules.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.rules.testing.AlertmanagerProcess;
import io.vmrules.rules.testing.EngineProcess;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules run} end to end with real processes: VictoriaMetrics (datasource, remote-write
 * target, restore source) and Alertmanager on free loopback ports, the engine as a child JVM. One
 * story, each fault in turn: a rule fires and reaches Alertmanager; the engine is killed and
 * restarted (the alert keeps its activeAt, nothing is resolved); a broken rule file is reloaded
 * (old rules keep running); Alertmanager is stopped and restarted (a queued alert is delivered);
 * VictoriaMetrics is stopped and restarted (errors counted, state kept, recovery without restart).
 * What each step observed is printed ({@code [faults] …} lines).
 */
class RunFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULES =
      """
      groups:
        - name: e2e
          interval: 1s
          rules:
            - record: job:e2e_up:sum
              expr: sum(e2e_up) by (job)
            - alert: E2EDown
              expr: e2e_up == 0
              for: 2s
              labels:
                severity: page
              annotations:
                summary: "{{ $labels.instance }} of {{ $labels.job }} is down"
                value: "{{ printf \\"%.1f\\" $value }}"
      """;

  private static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions();
  }

  private static void report(String format, Object... args) {
    System.out.println("[faults] " + String.format(format, args));
  }

  private static JsonNode vmResult(VictoriaMetricsProcess vm, String expr) throws Exception {
    HttpResponse<String> r = vm.query(expr);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("data").path("result");
  }

  private static List<JsonNode> amAlerts(AlertmanagerProcess am) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : am.alerts()) {
      if (a.path("labels").path("alertname").asText().equals("E2EDown")) {
        out.add(a);
      }
    }
    return out;
  }

  private static JsonNode engineAlerts(EngineProcess engine) throws Exception {
    return JSON.readTree(engine.get("/api/v1/alerts").body()).path("data").path("alerts");
  }

  private static JsonNode engineAlert(EngineProcess engine, String instance) throws Exception {
    for (JsonNode a : engineAlerts(engine)) {
      if (a.path("labels").path("instance").asText().equals(instance)) {
        return a;
      }
    }
    throw new AssertionError("no alert for instance " + instance + " in " + engineAlerts(engine));
  }

  @Test
  void survivesRestartsReloadsAndPeerOutages(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    AtomicReference<String> data =
        new AtomicReference<>(
            """
        e2e_up{job="a",instance="1"} 0
        e2e_up{job="a",instance="2"} 1
        e2e_up{job="b",instance="3"} 1
        """);
    ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start();
        AlertmanagerProcess am = AlertmanagerProcess.launch()) {
      pusher.scheduleWithFixedDelay(
          () -> {
            try {
              vm.importPrometheus(data.get());
            } catch (Exception vmDown) {
              // VictoriaMetrics is stopped on purpose below
            }
          },
          0,
          1,
          TimeUnit.SECONDS);
      List<String> args =
          List.of(
              "--rule",
              rules.toString(),
              "--datasource.url",
              vm.url(),
              "--datasource.queryTimeout",
              "2s",
              "--remoteWrite.url",
              vm.url(),
              "--remoteWrite.flushInterval",
              "200ms",
              "--remoteRead.url",
              vm.url(),
              "--notifier.url",
              am.url(),
              "--rule.resendDelay",
              "2s",
              "--external.url",
              "http://rules.example",
              "--external.label",
              "env=e2e");
      EngineProcess engine = EngineProcess.start(args, dir.resolve("engine.log"));
      try {
        // 1. the rule fires: Alertmanager has exactly that alert, rendered; VM has the series
        eventually().untilAsserted(() -> assertThat(amAlerts(am)).hasSize(1));
        JsonNode delivered = amAlerts(am).get(0);
        assertThat(delivered.path("labels").path("instance").asText()).isEqualTo("1");
        assertThat(delivered.path("labels").path("severity").asText()).isEqualTo("page");
        assertThat(delivered.path("labels").path("env").asText()).isEqualTo("e2e");
        assertThat(delivered.path("labels").path("alertgroup").asText()).isEqualTo("e2e");
        assertThat(delivered.path("annotations").path("summary").asText())
            .isEqualTo("1 of a is down");
        assertThat(delivered.path("annotations").path("value").asText()).isEqualTo("0.0");
        assertThat(delivered.path("generatorURL").asText())
            .startsWith("http://rules.example/graph?g0.expr=");
        String startsAt = delivered.path("startsAt").asText();
        eventually()
            .untilAsserted(
                () -> {
                  assertThat(vmResult(vm, "ALERTS{alertname=\"E2EDown\",alertstate=\"firing\"}"))
                      .hasSize(1);
                  assertThat(vmResult(vm, "ALERTS_FOR_STATE{alertname=\"E2EDown\"}")).hasSize(1);
                  assertThat(vmResult(vm, "job:e2e_up:sum")).hasSize(2);
                });
        assertThat(vmResult(vm, "job:e2e_up:sum{job=\"a\"}").get(0).path("value").get(1).asText())
            .isEqualTo("1");
        JsonNode rulesApi = JSON.readTree(engine.get("/api/v1/rules").body());
        JsonNode group = rulesApi.path("data").path("groups").get(0);
        assertThat(group.path("name").asText()).isEqualTo("e2e");
        assertThat(group.path("rules")).hasSize(2);
        assertThat(group.path("rules").get(1).path("state").asText()).isEqualTo("firing");
        assertThat(engineAlerts(engine)).hasSize(1);
        String activeAt = engineAlert(engine, "1").path("activeAt").asText();
        assertThat(engine.get("/-/ready").statusCode()).isEqualTo(200);
        double forState =
            vmResult(vm, "ALERTS_FOR_STATE{alertname=\"E2EDown\"}")
                .get(0)
                .path("value")
                .get(1)
                .asDouble();
        assertThat(Instant.ofEpochMilli(Math.round(forState * 1000)))
            .isEqualTo(Instant.parse(activeAt));
        report(
            "fire: Alertmanager holds %d E2EDown alert (startsAt %s, summary \"%s\"); engine activeAt %s; "
                + "notifications sent %.0f; remote-write samples sent %.0f",
            amAlerts(am).size(),
            startsAt,
            delivered.path("annotations").path("summary").asText(),
            activeAt,
            engine.metric("vmrules_notifications_sent_total", ""),
            engine.metric("vmrules_remote_write_samples_sent_total", ""));

        // 2. SIGKILL and restart: the alert comes back firing with its activeAt, nothing resolved
        engine.kill();
        engine.restart();
        eventually().until(() -> engine.get("/-/ready").statusCode() == 200);
        JsonNode restored = engineAlert(engine, "1");
        assertThat(restored.path("state").asText()).isEqualTo("firing");
        assertThat(restored.path("activeAt").asText()).isEqualTo(activeAt);
        eventually().until(() -> engine.metric("vmrules_notifications_sent_total", "") >= 2);
        List<JsonNode> afterRestart = amAlerts(am);
        assertThat(afterRestart).hasSize(1);
        assertThat(afterRestart.get(0).path("startsAt").asText()).isEqualTo(startsAt);
        assertThat(afterRestart.get(0).path("status").path("state").asText()).isEqualTo("active");
        assertThat(Instant.parse(afterRestart.get(0).path("endsAt").asText()))
            .isAfter(Instant.now());
        report(
            "restart: activeAt before %s, after %s; Alertmanager alerts %d, startsAt %s -> %s, state %s; "
                + "notifications sent by the new engine %.0f",
            activeAt,
            restored.path("activeAt").asText(),
            afterRestart.size(),
            startsAt,
            afterRestart.get(0).path("startsAt").asText(),
            afterRestart.get(0).path("status").path("state").asText(),
            engine.metric("vmrules_notifications_sent_total", ""));

        // 3. a broken rule file: SIGHUP and POST /-/reload fail, the old rules keep running
        Files.writeString(rules, RULES.replace("sum(e2e_up) by (job)", "sum(e2e_up) by (job"));
        engine.hangUp();
        eventually()
            .until(() -> engine.metric("vmrules_config_reloads_total", "result=\"failure\"") >= 1);
        HttpResponse<String> reload = engine.post("/-/reload");
        assertThat(reload.statusCode()).isEqualTo(500);
        assertThat(reload.body()).contains("rules.yml:6:").contains("the running rules are kept");
        assertThat(engine.metric("vmrules_config_last_reload_successful", "")).isZero();
        double iterations = engine.metric("vmrules_group_iterations_total", "group=\"e2e\"");
        eventually()
            .until(
                () ->
                    engine.metric("vmrules_group_iterations_total", "group=\"e2e\"")
                        > iterations + 2);
        assertThat(engineAlert(engine, "1").path("state").asText()).isEqualTo("firing");
        report(
            "bad reload: HTTP %d, reload failures %.0f, last_reload_successful %.0f, iterations went on %.0f -> %.0f",
            reload.statusCode(),
            engine.metric("vmrules_config_reloads_total", "result=\"failure\""),
            engine.metric("vmrules_config_last_reload_successful", ""),
            iterations,
            engine.metric("vmrules_group_iterations_total", "group=\"e2e\""));
        Files.writeString(rules, RULES);
        assertThat(engine.post("/-/reload").statusCode()).isEqualTo(200);
        assertThat(engine.metric("vmrules_config_last_reload_successful", "")).isEqualTo(1);

        // 4. Alertmanager down: a new alert is queued, then delivered after its restart
        am.stop();
        data.set(
            """
            e2e_up{job="a",instance="1"} 0
            e2e_up{job="a",instance="2"} 1
            e2e_up{job="b",instance="3"} 0
            """);
        eventually().until(() -> engineAlert(engine, "3").path("state").asText().equals("firing"));
        eventually().until(() -> engine.metric("vmrules_notification_errors_total", "") >= 1);
        double queued = engine.metric("vmrules_notifier_queue_size", "");
        double errorsWhileDown = engine.metric("vmrules_notification_errors_total", "");
        assertThat(queued).isGreaterThanOrEqualTo(1);
        am.start();
        eventually()
            .untilAsserted(
                () ->
                    assertThat(amAlerts(am))
                        .extracting(a -> a.path("labels").path("instance").asText())
                        .containsExactlyInAnyOrder("1", "3"));
        String activeAt3 = engineAlert(engine, "3").path("activeAt").asText();
        report(
            "Alertmanager outage: queue size %.0f and %.0f failed requests while down; after restart it holds %d "
                + "alerts (instances %s); dropped %.0f; sent %.0f; instance 3 activeAt %s",
            queued,
            errorsWhileDown,
            amAlerts(am).size(),
            amAlerts(am).stream()
                .map(a -> a.path("labels").path("instance").asText())
                .sorted()
                .toList(),
            engine.metric("vmrules_notifications_dropped_total", ""),
            engine.metric("vmrules_notifications_sent_total", ""),
            activeAt3);
        assertThat(engine.metric("vmrules_notifications_dropped_total", "")).isZero();

        // 5. VictoriaMetrics down: errors counted, state kept, recovery without restart
        double evalErrorsBefore = engine.metric("vmrules_rule_evaluation_errors_total", "");
        double rwSentBefore = engine.metric("vmrules_remote_write_samples_sent_total", "");
        vm.stop();
        eventually()
            .until(
                () ->
                    engine.metric("vmrules_rule_evaluation_errors_total", "")
                        >= evalErrorsBefore + 4);
        eventually()
            .until(() -> engine.metric("vmrules_remote_write_request_errors_total", "") >= 1);
        assertThat(engineAlert(engine, "1").path("activeAt").asText()).isEqualTo(activeAt);
        assertThat(engineAlert(engine, "3").path("activeAt").asText()).isEqualTo(activeAt3);
        JsonNode health =
            JSON.readTree(engine.get("/api/v1/rules").body()).path("data").path("groups").get(0);
        assertThat(health.path("rules").get(1).path("health").asText()).isEqualTo("err");
        assertThat(health.path("rules").get(1).path("lastError").asText())
            .contains("failed to execute query");
        double evalErrorsDown = engine.metric("vmrules_rule_evaluation_errors_total", "");
        double rwErrorsDown = engine.metric("vmrules_remote_write_request_errors_total", "");
        double rwQueueDown = engine.metric("vmrules_remote_write_queue_size", "");
        Instant restartedAt = Instant.now();
        vm.restart();
        eventually()
            .untilAsserted(
                () -> {
                  JsonNode g =
                      JSON.readTree(engine.get("/api/v1/rules").body())
                          .path("data")
                          .path("groups")
                          .get(0);
                  assertThat(g.path("rules").findValuesAsText("health")).containsOnly("ok");
                });
        eventually()
            .untilAsserted(
                () ->
                    assertThat(
                            vmResult(
                                vm,
                                "timestamp(ALERTS{alertname=\"E2EDown\",alertstate=\"firing\"}) > "
                                    + restartedAt.getEpochSecond()))
                        .hasSize(2));
        assertThat(engineAlert(engine, "1").path("activeAt").asText()).isEqualTo(activeAt);
        assertThat(amAlerts(am)).hasSize(2);
        report(
            "VictoriaMetrics outage: rule evaluation errors %.0f -> %.0f, remote-write request errors %.0f, "
                + "queue %.0f samples while down; after restart rules healthy, samples sent %.0f -> %.0f, dropped %.0f; "
                + "alerts kept (instance 1 activeAt %s), Alertmanager holds %d",
            evalErrorsBefore,
            evalErrorsDown,
            rwErrorsDown,
            rwQueueDown,
            rwSentBefore,
            engine.metric("vmrules_remote_write_samples_sent_total", ""),
            engine.metric("vmrules_remote_write_samples_dropped_total", ""),
            activeAt,
            amAlerts(am).size());
        assertThat(engine.metric("vmrules_remote_write_samples_dropped_total", "")).isZero();
      } finally {
        pusher.shutdownNow();
        int exit = engine.stop();
        report("engine stopped with SIGTERM: exit %d", exit);
        if (exit != 0) {
          System.out.println(engine.log());
        }
      }
    }
  }
}
