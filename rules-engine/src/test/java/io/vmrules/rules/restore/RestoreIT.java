package io.vmrules.rules.restore;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.notify.AlertDispatcher;
import io.vmrules.rules.notify.Notification;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.RecordingNotifier;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kill-and-restart of the engine against a real VictoriaMetrics: the first run remote-writes
 * ALERTS_FOR_STATE, the second restores from it through the query API and neither resolves nor
 * re-fires anything, and a pending alert fires when its {@code for} is up.
 */
class RestoreIT {
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private final AlertingRuleSpec rule = alert("Down", "up == 0", Duration.ofMinutes(5));
  private final GroupSpec spec = group("rules/node.yml", "node", INTERVAL, rule);

  private static Labels alertLabels(String instance) {
    return Labels.of("instance", instance, "alertname", "Down", "alertgroup", "node");
  }

  @Test
  void alertsSurviveAnEngineRestart() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start()) {
      // run 1: from now-10m to now-4m; "a" all along, "b" from now-4m; then the engine dies
      FakeQuerier datasource = new FakeQuerier();
      datasource.answer("up == 0", 0, Labels.of("instance", "a"));
      RemoteWriteSeriesWriter writer =
          new RemoteWriteSeriesWriter(
                  vm.url() + "/api/v1/write",
                  HttpAuth.none(),
                  RemoteWriteSeriesWriter.Options.defaults(),
                  io.vmrules.rules.remotewrite.RemoteWriteMetrics.NOOP)
              .start();
      GroupEvaluator first = GroupEvaluator.builder(spec, datasource).writer(writer).build();
      for (int m = 10; m >= 4; m--) {
        if (m == 4) {
          datasource.answer("up == 0", 0, Labels.of("instance", "a"), Labels.of("instance", "b"));
        }
        first.evaluate(now.minus(Duration.ofMinutes(m)));
      }
      Alert aBefore = first.snapshot().get(0).alerts().get(alertLabels("a"));
      assertThat(aBefore.state()).isEqualTo(AlertState.FIRING);
      writer.close();
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(vm.url() + "/internal/force_flush")).build(),
              HttpResponse.BodyHandlers.discarding());

      // run 2 at now: restore, then evaluate
      AlertStateRestorer restorer =
          new AlertStateRestorer(
              new PrometheusApiQuerier(vm.url(), HttpAuth.none(), Duration.ofSeconds(10)),
              Duration.ofHours(1));
      AlertStateRestorer.Restored restored = restorer.restore(List.of(spec), now);
      System.out.printf(
          "restore: %d alerts restored, %d rules failed%n",
          restored.alerts(), restored.failedRules());
      assertThat(restored.failedRules()).isZero();
      assertThat(restored.alerts()).isEqualTo(2);

      RecordingNotifier notifier = new RecordingNotifier();
      AlertDispatcher dispatcher = new AlertDispatcher(notifier, Duration.ofMinutes(1), "");
      GroupEvaluator second =
          GroupEvaluator.builder(spec, datasource)
              .initialAlerts(r -> restored.alertsOf(spec, r))
              .listener(dispatcher)
              .build();
      GroupEvaluation atRestart = second.evaluate(now);
      Alert a = atRestart.rules().get(0).alerts().get(alertLabels("a"));
      Alert b = atRestart.rules().get(0).alerts().get(alertLabels("b"));
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.activeAt()).isEqualTo(aBefore.activeAt());
      assertThat(b.state()).isEqualTo(AlertState.PENDING);
      assertThat(b.activeAt()).isEqualTo(now.minus(Duration.ofMinutes(4)));
      // a is firing again at once with its original startsAt; nothing resolved
      assertThat(notifier.all())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.labels()).isEqualTo(alertLabels("a"));
                assertThat(n.startsAt()).isEqualTo(aBefore.activeAt().plus(Duration.ofMinutes(5)));
                assertThat(n.resolvedAt(now)).isFalse();
              });
      notifier.clear();
      // b was pending 4 of its 5 minutes when the engine died: it fires 1 minute after the restart
      GroupEvaluation later = second.evaluate(now.plus(INTERVAL));
      assertThat(later.rules().get(0).alerts().get(alertLabels("b")).state())
          .isEqualTo(AlertState.FIRING);
      List<Notification> sent = notifier.all();
      assertThat(sent)
          .extracting(n -> n.labels().get("instance"))
          .containsExactlyInAnyOrder("a", "b");
      assertThat(sent).noneMatch(n -> n.resolvedAt(now.plus(INTERVAL)));
    }
  }
}
