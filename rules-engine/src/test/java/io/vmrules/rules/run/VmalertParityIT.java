package io.vmrules.rules.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.testing.TestRules;
import io.vmrules.testsupport.ExternalTool;
import io.vmrules.testsupport.FreePort;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with vmalert: both evaluate the same rules on the same data and write to the same
 * VictoriaMetrics, told apart by an external label {@code source}; the recording series (labels and
 * values) and the alerts (labels and states) must be the same once {@code source} is dropped.
 */
class VmalertParityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULES =
      """
      groups:
        - name: parity
          interval: 1s
          labels:
            team: core
          rules:
            - record: job:pr_up:sum
              expr: sum(pr_up) by (job)
            - record: pr_up:scaled
              expr: pr_up * 2
              labels:
                kind: scaled
            - alert: PrDown
              expr: pr_up == 0
              labels:
                severity: page
            - alert: PrDownLong
              expr: pr_up == 0
              for: 1h
      """;

  @Test
  void recordingSeriesAndAlertsMatchVmalert(@TempDir Path dir) throws Exception {
    ExternalTool vmalert = ExternalTool.require("vmalert");
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start()) {
      vm.importPrometheus(
          """
          pr_up{job="a",instance="1"} 0
          pr_up{job="a",instance="2"} 1
          pr_up{job="b",instance="3"} 0
          pr_up{job="c",instance="4"} 1
          """);
      Path rules = dir.resolve("rules.yml");
      Files.writeString(rules, RULES);
      int port = FreePort.pick();
      Process theirs =
          new ProcessBuilder(
                  vmalert.path().toString(),
                  "-rule=" + rules,
                  "-datasource.url=" + vm.url(),
                  "-remoteWrite.url=" + vm.url(),
                  "-remoteWrite.flushInterval=200ms",
                  "-notifier.url=http://127.0.0.1:9",
                  "-external.label=source=vmalert",
                  "-httpListenAddr=127.0.0.1:" + port,
                  "-loggerLevel=ERROR")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("vmalert.log").toFile())
              .start();
      TestRules loaded = TestRules.load(rules);
      EngineConfig config =
          EngineConfig.builder(
                  new EvaluationSettings(Map.of("source", "ours"), "", Duration.ofMinutes(1)),
                  vm.url())
              .datasource(vm.url(), null, Duration.ofSeconds(5))
              .remoteWrite(vm.url(), null, TestRules.fastRemoteWrite())
              .build();
      try (RuleEngine ours = new RuleEngine(config)) {
        ours.start(loaded.files(), loaded.groups());
        // vmalert writes ALERTS_FOR_STATE only for rules with for > 0; we write it for every active
        // alert (design §6), so a for-0 alert keeps its activeAt across restarts too
        String forState = "ALERTS_FOR_STATE{alertname=\"PrDownLong\",";
        for (String query : List.of("job:pr_up:sum{", "pr_up:scaled{", "ALERTS{", forState)) {
          boolean withValue = query != forState;
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () -> {
                    TreeSet<String> o = series(vm, query + "source=\"ours\"}", withValue);
                    TreeSet<String> t = series(vm, query + "source=\"vmalert\"}", withValue);
                    assertThat(o).as(query).isNotEmpty().isEqualTo(t);
                  });
        }
        assertThat(series(vm, "ALERTS_FOR_STATE{alertname=\"PrDown\",source=\"vmalert\"}", false))
            .isEmpty();
        assertThat(series(vm, "ALERTS_FOR_STATE{alertname=\"PrDown\",source=\"ours\"}", false))
            .hasSize(2);
      } finally {
        theirs.destroy();
        theirs.waitFor();
      }
    }
  }

  /** Each series as its labels without {@code source}, plus its value when asked. */
  private static TreeSet<String> series(VictoriaMetricsProcess vm, String query, boolean withValue)
      throws Exception {
    JsonNode result = JSON.readTree(vm.query(query).body()).path("data").path("result");
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode r : result) {
      Map<String, String> labels = new TreeMap<>();
      r.path("metric")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      labels.remove("source");
      List<String> parts = new ArrayList<>();
      labels.forEach((k, v) -> parts.add(k + "=" + v));
      out.add(String.join(",", parts) + (withValue ? " " + r.path("value").get(1).asText() : ""));
    }
    return out;
  }
}
