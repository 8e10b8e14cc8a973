package io.vmrules.rules.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.testing.TestRules;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against a real VictoriaMetrics single-node: import series, let the engine run a few
 * slots (1 s interval), then query VictoriaMetrics for the recording results and ALERTS.
 */
class RunEngineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static VictoriaMetricsProcess vm;

  @BeforeAll
  static void startVm() throws Exception {
    vm = VictoriaMetricsProcess.start();
  }

  @AfterAll
  static void stopVm() throws Exception {
    if (vm != null) {
      vm.close();
    }
  }

  private static JsonNode result(String expr) throws Exception {
    HttpResponse<String> r = vm.query(expr);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("data").path("result");
  }

  @Test
  void writesRecordingResultsAndAlertsToVictoriaMetrics(@TempDir Path dir) throws Exception {
    // fresh samples every so often, so the data stays within the lookback window
    String data =
        """
        it_up{job="a",instance="1"} 0
        it_up{job="a",instance="2"} 1
        it_up{job="b",instance="3"} 0
        """;
    vm.importPrometheus(data);
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: it
            interval: 1s
            labels:
              team: core
            rules:
              - record: job:it_up:sum
                expr: sum(it_up) by (job)
              - alert: Down
                expr: it_up == 0
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.instance }} of {{ $labels.job }} is down ({{ $value }})"
              - alert: DownLong
                expr: it_up == 0
                for: 1h
        """);
    TestRules loaded = TestRules.load(rules);
    EngineConfig config =
        EngineConfig.builder(
                new EvaluationSettings(Map.of("dc", "it"), "http://engine", Duration.ofMinutes(1)),
                vm.url())
            .datasource(vm.url(), null, Duration.ofSeconds(5))
            .remoteWrite(vm.url(), null, TestRules.fastRemoteWrite())
            .http("127.0.0.1:0", null)
            .build();
    try (RuleEngine engine = new RuleEngine(config)) {
      engine.start(loaded.files(), loaded.groups());
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                JsonNode rec = result("job:it_up:sum");
                assertThat(rec).hasSize(2);
                JsonNode firing = result("ALERTS{alertname=\"Down\",alertstate=\"firing\"}");
                assertThat(firing).hasSize(2);
                JsonNode pending = result("ALERTS{alertname=\"DownLong\",alertstate=\"pending\"}");
                assertThat(pending).hasSize(2);
                assertThat(result("ALERTS_FOR_STATE{alertname=\"DownLong\"}")).hasSize(2);
              });
      JsonNode rec = result("job:it_up:sum{job=\"a\"}").get(0);
      assertThat(rec.path("metric").path("team").asText()).isEqualTo("core");
      assertThat(rec.path("metric").path("dc").asText()).isEqualTo("it");
      assertThat(rec.path("value").get(1).asText()).isEqualTo("1");
      JsonNode alert = result("ALERTS{alertname=\"Down\",instance=\"1\"}").get(0).path("metric");
      assertThat(alert.path("alertgroup").asText()).isEqualTo("it");
      assertThat(alert.path("severity").asText()).isEqualTo("page");
      assertThat(alert.path("job").asText()).isEqualTo("a");
      assertThat(alert.has("__name__")).isTrue();

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + engine.http().port();
      HttpResponse<String> healthy =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/-/healthy")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(healthy.statusCode()).isEqualTo(200);
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .contains("vmrules_group_iterations_total{group=\"it\"}")
          .contains("vmrules_alerts{group=\"it\",state=\"firing\"} 2.0")
          .contains("vmrules_remote_write_samples_sent_total");
      assertThat(engine.scheduler().groups().values())
          .allSatisfy(g -> assertThat(g.missed()).isZero());
    }
  }
}
