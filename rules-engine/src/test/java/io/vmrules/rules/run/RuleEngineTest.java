package io.vmrules.rules.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmrules.rules.api.Reloader;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.InMemorySeriesWriter;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import io.vmrules.rules.metrics.PrometheusEngineMetrics;
import io.vmrules.rules.notify.Notification;
import io.vmrules.rules.notify.Notifier;
import io.vmrules.rules.reload.StaleSeriesMarker;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.RecordingNotifier;
import io.vmrules.rules.testing.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root with fakes at its ports (querier, writer, notifier); the scheduler is the
 * real one, with 1 s groups.
 */
class RuleEngineTest {
  private static final String RULES =
      """
      groups:
        - name: g
          interval: 1s
          rules:
            - alert: Down
              expr: up == 0
              annotations:
                summary: "{{ $labels.instance }} is down"
            - record: up:sum
              expr: sum(up)
      """;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final FakeQuerier datasource = new FakeQuerier();
  private final InMemorySeriesWriter writer = new InMemorySeriesWriter();
  private final RecordingNotifier notifier = new RecordingNotifier();

  private RuleEngine engine(FakeQuerier remoteRead, SeriesWriter writer, Notifier notifier)
      throws Exception {
    EngineConfig config =
        EngineConfig.builder(
                new EvaluationSettings(Map.of(), "http://rules", Duration.ofMinutes(1)),
                "http://ds")
            .build();
    return new RuleEngine(
        config,
        InstantSource.system(),
        new PrometheusEngineMetrics(),
        (c, m, clock) -> new RuleEngine.Ports(datasource, remoteRead, writer, List.of(notifier)),
        null);
  }

  private static double gauge(PrometheusEngineMetrics metrics, String name) {
    return metrics.registry().scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(name))
        .findFirst()
        .orElseThrow()
        .getDataPoints()
        .stream()
        .mapToDouble(
            p ->
                ((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) p)
                    .getValue())
        .findFirst()
        .orElseThrow();
  }

  /** The names of the metrics that have at least one sample. */
  private static List<String> names(PrometheusEngineMetrics metrics) {
    return metrics.registry().scrape().stream()
        .filter(s -> !s.getDataPoints().isEmpty())
        .map(s -> s.getMetadata().getPrometheusName() + "_total")
        .toList();
  }

  @Test
  void aTakenPortFailsTheStartAndLeavesNothingRunning(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, RULES);
    TestRules rules = TestRules.load(file);
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicBoolean connected =
          new java.util.concurrent.atomic.AtomicBoolean();
      EngineConfig config =
          EngineConfig.builder(
                  new EvaluationSettings(Map.of(), "http://rules", Duration.ofMinutes(1)),
                  "http://ds")
              .http("127.0.0.1:" + taken.getLocalPort(), null)
              .build();
      java.util.Set<String> before = threadNames();
      RuleEngine engine =
          new RuleEngine(
              config,
              InstantSource.system(),
              new PrometheusEngineMetrics(),
              (c, m, clock) -> {
                connected.set(true);
                return new RuleEngine.Ports(datasource, null, writer, List.of(notifier));
              },
              null);
      assertThat(threadNames()).as("constructing starts nothing").isEqualTo(before);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> engine.start(rules.files(), rules.groups()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("cannot listen on");
      engine.close();
      assertThat(connected).as("no adapter was built before the port was bound").isFalse();
      assertThat(threadNames()).as("threads after the failed start").isSubsetOf(before);
    }
  }

  /**
   * Live threads of ours and of our libraries (the JVM's own come and go: the GC, JIT, finalizer).
   */
  private static java.util.Set<String> threadNames() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (t.isAlive()
          && (n.startsWith("http")
              || n.startsWith("rule")
              || n.startsWith("notifier")
              || n.startsWith("remote-write")
              || n.contains("Quartz")
              || n.startsWith("rules-"))) {
        names.add(n);
      }
    }
    return names;
  }

  @Test
  void readyAfterTheFirstRoundThenNotifiesWritesAndReloads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, RULES);
    datasource.answer("up == 0", 0, Labels.of("__name__", "up", "instance", "a"));
    datasource.answer("sum(up)", 3, Labels.empty());
    TestRules rules = TestRules.load(file);
    try (RuleEngine engine = engine(null, writer, notifier)) {
      engine.start(rules.files(), rules.groups());
      assertThat(engine.isReady()).as("ready before any evaluation").isFalse();
      assertThat(names(engine.metrics()))
          .as("counters exist at 0 from the start, so alerts on them can see them")
          .contains(
              "vmrules_rule_evaluation_errors_total", "vmrules_group_iterations_missed_total");
      await().atMost(DEADLINE).until(engine::isReady);
      await().atMost(DEADLINE).until(() -> !notifier.all().isEmpty());
      Notification firing = notifier.all().get(0);
      assertThat(firing.labels())
          .isEqualTo(Labels.of("instance", "a", "alertname", "Down", "alertgroup", "g"));
      assertThat(firing.annotations()).containsEntry("summary", "a is down");
      assertThat(firing.generatorURL()).startsWith("http://rules/graph?g0.expr=");
      await()
          .atMost(DEADLINE)
          .until(() -> !writer.named("up:sum").isEmpty() && !writer.named("ALERTS").isEmpty());

      // a broken file: the running rules stay, the failure is answered and counted
      Files.writeString(file, "groups: [ {name: g, rules: [ {alert: X, expr: 'sum(' } ] } ]");
      Reloader.Result broken = engine.reload();
      assertThat(broken.success()).isFalse();
      assertThat(broken.message()).contains("rules.yml");
      assertThat(gauge(engine.metrics(), "vmrules_config_last_reload_successful")).isZero();
      assertThat(engine.snapshots()).hasSize(1);

      // the group removed: its firing alert is resolved, its series marked stale
      Files.writeString(file, "groups: []\n");
      Reloader.Result emptied = engine.reload();
      assertThat(emptied.success()).as(emptied.message()).isTrue();
      assertThat(gauge(engine.metrics(), "vmrules_config_last_reload_successful")).isEqualTo(1);
      assertThat(engine.snapshots()).isEmpty();
      Notification last = notifier.all().get(notifier.all().size() - 1);
      assertThat(last.labels()).isEqualTo(firing.labels());
      assertThat(last.endsAt()).isBeforeOrEqualTo(Instant.now());
      assertThat(writer.samples())
          .anySatisfy(
              s -> {
                assertThat(s.metricName()).isEqualTo("up:sum");
                assertThat(StaleSeriesMarker.isStaleMarker(s.value())).isTrue();
              });
    }
  }

  @Test
  void restoredFiringAlertIsReadyAtOnceAndKeepsItsStart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, RULES.replace("expr: up == 0", "expr: up == 0\n        for: 5m"));
    Instant activeAt = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    FakeQuerier remoteRead = new FakeQuerier();
    remoteRead.answer(
        "last_over_time(ALERTS_FOR_STATE{alertname=\"Down\",alertgroup=\"g\"}[3600s])",
        List.of(
            new Sample(
                Labels.of(
                    "__name__",
                    "ALERTS_FOR_STATE",
                    "instance",
                    "a",
                    "alertname",
                    "Down",
                    "alertgroup",
                    "g"),
                activeAt.getEpochSecond(),
                0)));
    datasource.answer("up == 0", 0, Labels.of("instance", "a"));
    TestRules rules = TestRules.load(file);
    try (RuleEngine engine = engine(remoteRead, writer, notifier)) {
      engine.start(rules.files(), rules.groups());
      assertThat(engine.isReady()).as("ready once restored").isTrue();
      assertThat(engine.snapshots().get(0).rules().get(0).alerts().all())
          .singleElement()
          .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
      await().atMost(DEADLINE).until(() -> !notifier.all().isEmpty());
      assertThat(notifier.all())
          .allSatisfy(
              n -> {
                assertThat(n.startsAt()).isEqualTo(activeAt.plus(Duration.ofMinutes(5)));
                assertThat(n.endsAt()).isAfter(Instant.now());
              });
    }
  }

  @Test
  void stopsSchedulerThenNotifiersThenWriter(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, RULES);
    List<String> closed = new CopyOnWriteArrayList<>();
    class ClosingWriter implements SeriesWriter, AutoCloseable {
      @Override
      public void write(List<Sample> batch) {}

      @Override
      public void close() {
        closed.add("writer");
      }
    }
    class ClosingNotifier implements Notifier, AutoCloseable {
      @Override
      public void send(List<Notification> alerts) {}

      @Override
      public void close() {
        closed.add("notifier");
      }
    }
    TestRules rules = TestRules.load(file);
    RuleEngine engine = engine(null, new ClosingWriter(), new ClosingNotifier());
    engine.start(rules.files(), rules.groups());
    engine.close();
    engine.close();
    assertThat(closed).containsExactly("notifier", "writer");
  }
}
