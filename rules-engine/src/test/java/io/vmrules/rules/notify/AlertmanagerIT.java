package io.vmrules.rules.notify;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmrules.rules.delivery.Backoff;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.testing.AlertmanagerProcess;
import io.vmrules.rules.testing.FakeQuerier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our alerts reach a real Alertmanager, and survive it being stopped and restarted. Evaluation
 * slots are explicit instants near the wall clock (Alertmanager compares endsAt with its clock).
 */
class AlertmanagerIT {
  private static final Duration INTERVAL = Duration.ofSeconds(15);

  private AlertmanagerProcess am;
  private AlertmanagerNotifier notifier;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final FakeQuerier querier = new FakeQuerier();
  private final GroupSpec spec =
      group(
          "rules/node.yml",
          "node",
          INTERVAL,
          alert(
              "InstanceDown",
              "up == 0",
              Duration.ZERO,
              Map.of("severity", "page"),
              Map.of("summary", "{{ $labels.instance }} is down")));
  private GroupEvaluator evaluator;
  private AlertDispatcher dispatcher;

  /** Slots a little in the past, so a resolution's endsAt is already over for Alertmanager. */
  private final Instant t0 = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);

  private final List<Notification> handedOver = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    am = AlertmanagerProcess.launch();
    notifier =
        AlertmanagerNotifier.builder(am.url())
            .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .metrics(
                new NotifierMetrics() {
                  @Override
                  public void sent(String url, int count) {
                    sent.addAndGet(count);
                  }

                  @Override
                  public void dropped(String url, int count) {
                    dropped.addAndGet(count);
                  }

                  @Override
                  public void requestFailed(String url) {
                    failed.incrementAndGet();
                  }
                })
            .build()
            .start();
    dispatcher = new AlertDispatcher(notifier, Duration.ofMinutes(1), "http://rules.test:8880");
    evaluator =
        GroupEvaluator.builder(spec, querier)
            .listener(
                (g, ev) ->
                    handedOver.addAll(dispatcher.afterEvaluation(g.spec(), g.interval(), ev)))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    if (notifier != null) {
      notifier.close();
    }
    if (am != null) {
      am.close();
    }
  }

  private Map<String, JsonNode> alertsByInstance() throws Exception {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode a : am.alerts()) {
      out.put(a.path("labels").path("instance").asText(), a);
    }
    return out;
  }

  @Test
  void firingAlertArrivesWithLabelsAnnotationsAndTimesThenResolves() throws Exception {
    querier.answer("up == 0", 0, Labels.of("instance", "a:9100", "job", "node"));
    evaluator.evaluate(t0);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(alertsByInstance()).containsKey("a:9100"));
    JsonNode a = alertsByInstance().get("a:9100");
    assertThat(a.path("labels").path("alertname").asText()).isEqualTo("InstanceDown");
    assertThat(a.path("labels").path("alertgroup").asText()).isEqualTo("node");
    assertThat(a.path("labels").path("severity").asText()).isEqualTo("page");
    assertThat(a.path("annotations").path("summary").asText()).isEqualTo("a:9100 is down");
    assertThat(Instant.parse(a.path("startsAt").asText())).isEqualTo(t0);
    assertThat(Instant.parse(a.path("endsAt").asText())).isEqualTo(t0.plus(Duration.ofMinutes(4)));
    assertThat(a.path("generatorURL").asText())
        .isEqualTo("http://rules.test:8880/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
    assertThat(a.path("status").path("state").asText()).isEqualTo("active");

    querier.answer("up == 0", 0);
    evaluator.evaluate(t0.plus(INTERVAL));
    // resolved with endsAt in the past: Alertmanager no longer lists it as active
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(alertsByInstance()).doesNotContainKey("a:9100"));
    assertThat(sent).hasValue(2);
    assertThat(dropped).hasValue(0);
  }

  @Test
  void alertmanagerStoppedAndRestartedGetsEveryAlertsLatestStateOnce() throws Exception {
    querier.answer("up == 0", 0, Labels.of("instance", "a"), Labels.of("instance", "b"));
    evaluator.evaluate(t0);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(alertsByInstance()).containsKeys("a", "b"));
    assertThat(sent).hasValue(2);

    long pid = am.pid();
    am.stop();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    // while it is down: b resolves, c starts firing, a is re-sent after the resend delay
    querier.answer("up == 0", 0, Labels.of("instance", "a"), Labels.of("instance", "c"));
    handedOver.clear();
    evaluator.evaluate(t0.plus(INTERVAL));
    evaluator.evaluate(t0.plus(Duration.ofMinutes(1)));
    List<Notification> during = new ArrayList<>(handedOver);
    // b resolved and c fired at +15s; a and c... a re-sent at +1m (c is not due yet)
    assertThat(during).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(failed.get()).isGreaterThanOrEqualTo(1));
    assertThat(notifier.queued()).isEqualTo(3);

    am.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(notifier.queued()).isZero());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(alertsByInstance()).containsOnlyKeys("a", "c"));
    // Alertmanager keeps no alerts across a restart: what it holds now came from our queue
    Map<String, JsonNode> after = alertsByInstance();
    assertThat(Instant.parse(after.get("a").path("startsAt").asText())).isEqualTo(t0);
    assertThat(Instant.parse(after.get("a").path("endsAt").asText()))
        .isEqualTo(t0.plus(Duration.ofMinutes(5)));
    assertThat(Instant.parse(after.get("c").path("startsAt").asText()))
        .isEqualTo(t0.plus(INTERVAL));
    // 2 before the outage + a, b (resolved), c queued and coalesced: 3 delivered, none dropped
    assertThat(sent).hasValue(5);
    assertThat(dropped).hasValue(0);
    System.out.printf(
        "alertmanager fault: notifications during outage=%d, failed requests=%d, delivered after restart=%d, dropped=%d%n",
        during.size(), failed.get(), sent.get() - 2, dropped.get());
  }
}
