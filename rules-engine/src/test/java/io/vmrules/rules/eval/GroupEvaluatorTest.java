package io.vmrules.rules.eval;

import static io.vmrules.rules.testing.FakeQuerier.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The group evaluator through its ports, with fakes. */
class GroupEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeQuerier querier = new FakeQuerier();
  private final InMemorySeriesWriter writer = new InMemorySeriesWriter();
  private final ManualInstantSource clock = new ManualInstantSource(Instant.EPOCH);

  private GroupEvaluator evaluator(GroupSpec g) {
    return GroupEvaluator.builder(g, querier)
        .writer(writer)
        .clock(clock)
        .settings(new EvaluationSettings(Map.of(), "", Duration.ofMinutes(1), Duration.ZERO))
        .build();
  }

  @Test
  void writesRecordingResultsAndAlertSeriesStampedAtTheSlot() {
    GroupSpec g =
        Specs.group(
            "g",
            Specs.record("r", "sum(x)", Map.of()),
            Specs.alert("A", "x > 1", Duration.ofMinutes(1)));
    querier.answer("sum(x)", sample(3)).answer("x > 1", sample(2, "__name__", "x", "i", "1"));
    GroupEvaluator e = evaluator(g);
    GroupEvaluation ev = e.evaluate(T0);
    assertThat(writer.named("r"))
        .containsExactly(new Sample(Labels.of("__name__", "r"), 3, T0.toEpochMilli()));
    assertThat(writer.named("ALERTS"))
        .singleElement()
        .satisfies(s -> assertThat(s.labels().get("alertstate")).isEqualTo("pending"));
    assertThat(writer.named("ALERTS_FOR_STATE"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(T0.getEpochSecond()));
    assertThat(ev.series()).hasSize(3);
    assertThat(e.groupSnapshot().lastEvaluation()).isEqualTo(T0);
    writer.clear();
    e.evaluate(T0.plusSeconds(60));
    assertThat(writer.named("ALERTS"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.labels().get("alertstate")).isEqualTo("firing");
              assertThat(s.timestampMillis()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
            });
  }

  @Test
  void queriesAtSlotMinusQueryOffsetWithStepParamsAndHeaders() {
    GroupSpec g =
        Specs.withQueryOffset(
            Specs.group(
                "g", Duration.ofSeconds(30), 0, 1, Map.of(), Specs.record("r", "sum(x)", Map.of())),
            Duration.ofSeconds(10));
    querier.answer("sum(x)", sample(1));
    evaluator(g).evaluate(T0);
    QueryRequest q = querier.requests().get(0);
    assertThat(q.time()).isEqualTo(T0.minusSeconds(10));
    assertThat(q.step()).isEqualTo(Duration.ofSeconds(30));
    assertThat(q.params()).containsEntry("nocache", List.of("1"));
    assertThat(q.headers()).containsEntry("X-Tenant", "a");
    assertThat(writer.named("r").get(0).timestampMillis())
        .isEqualTo(T0.minusSeconds(10).toEpochMilli());
  }

  @Test
  void groupWithoutIntervalUsesTheDefaultAsStep() {
    GroupSpec g = Specs.group("g", Specs.record("r", "sum(x)", Map.of()));
    GroupEvaluator e =
        GroupEvaluator.builder(g, querier)
            .settings(new EvaluationSettings(Map.of(), "", Duration.ofSeconds(15), Duration.ZERO))
            .build();
    e.evaluate(T0);
    assertThat(e.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(querier.requests().get(0).step()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void queryStepDefaultsToVmalertsFiveMinutes() {
    GroupSpec g =
        Specs.group("g", Duration.ofSeconds(10), 0, 1, Map.of(), Specs.record("r", "x", Map.of()));
    GroupEvaluator.builder(g, querier).build().evaluate(T0);
    assertThat(querier.requests().get(0).step()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void failedQueryKeepsTheAlertStateAndWritesNothingForThatRule() {
    AlertingRuleSpec alert = Specs.alert("A", "x > 1", Duration.ZERO);
    GroupSpec g = Specs.group("g", alert, Specs.record("r", "sum(x)", Map.of()));
    querier.answer("x > 1", sample(2, "i", "1")).answer("sum(x)", sample(1));
    RecordingMetrics metrics = new RecordingMetrics();
    GroupEvaluator e = GroupEvaluator.builder(g, querier).writer(writer).metrics(metrics).build();
    e.evaluate(T0);
    AlertRuleState before = e.snapshot().get(0).alerts();
    querier.fail("x > 1", "connection refused");
    writer.clear();
    GroupEvaluation ev = e.evaluate(T0.plusSeconds(60));
    RuleSnapshot rs = ev.rules().get(0);
    assertThat(rs.alerts()).isEqualTo(before);
    assertThat(rs.lastError()).isEqualTo("failed to execute query: connection refused");
    assertThat(rs.healthy()).isFalse();
    assertThat(writer.named("ALERTS")).isEmpty();
    assertThat(writer.named("r")).hasSize(1);
    assertThat(ev.failedRules()).isEqualTo(1);
    assertThat(metrics.failures).containsExactly("g/A");
    // recovery: the state goes on from where it was
    querier.answer("x > 1", sample(2, "i", "1"));
    ev = e.evaluate(T0.plusSeconds(120));
    assertThat(ev.rules().get(0).alerts().all())
        .singleElement()
        .satisfies(a -> assertThat(a.activeAt()).isEqualTo(T0));
    assertThat(ev.rules().get(0).healthy()).isTrue();
  }

  @Test
  void stringResultIsARuleError() {
    GroupSpec g = Specs.group("g", Specs.record("r", "\"x\"", Map.of()));
    querier.answer("\"x\"", t -> new QueryResult.Text("x", 0));
    GroupEvaluation ev = evaluator(g).evaluate(T0);
    assertThat(ev.rules().get(0).lastError()).contains("string");
  }

  @Test
  void listenerSeesEverySnapshotAndMetricsCountAlertsByState() {
    GroupSpec g = Specs.group("g", Specs.alert("A", "x", Duration.ofMinutes(5)));
    querier.answer("x", sample(1, "i", "1"), sample(1, "i", "2"));
    List<GroupSnapshot> seen = new ArrayList<>();
    RecordingMetrics metrics = new RecordingMetrics();
    GroupEvaluator e =
        GroupEvaluator.builder(g, querier)
            .metrics(metrics)
            .listener((s, ev) -> seen.add(s))
            .build();
    e.evaluate(T0);
    assertThat(seen).singleElement().satisfies(s -> assertThat(s.lastEvaluation()).isEqualTo(T0));
    assertThat(metrics.alerts)
        .containsEntry(AlertState.PENDING, 2)
        .containsEntry(AlertState.FIRING, 0);
    assertThat(metrics.rules.get()).isEqualTo(1);
  }

  @Test
  void listenerExceptionDoesNotFailTheEvaluation() {
    GroupSpec g = Specs.group("g", Specs.record("r", "x", Map.of()));
    GroupEvaluator e =
        GroupEvaluator.builder(g, querier)
            .listener(
                (s, ev) -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    assertThat(e.evaluate(T0).rules()).hasSize(1);
  }

  @Test
  void initialAlertsAreTheStartingState() {
    AlertingRuleSpec alert = Specs.alert("A", "x", Duration.ofMinutes(10));
    GroupSpec g = Specs.group("g", alert);
    querier.answer("x", sample(1, "i", "1"));
    GroupEvaluator first = GroupEvaluator.builder(g, querier).build();
    first.evaluate(T0);
    AlertRuleState kept = first.snapshot().get(0).alerts();
    GroupEvaluator second =
        GroupEvaluator.builder(g, querier)
            .initialAlerts(r -> r.equals(alert) ? kept : null)
            .build();
    GroupEvaluation ev = second.evaluate(T0.plusSeconds(600));
    assertThat(ev.rules().get(0).alerts().all())
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
  }

  @Test
  void durationsComeFromTheClockNotTheSlot() {
    GroupSpec g = Specs.group("g", Specs.record("r", "x", Map.of()));
    querier.answer(
        "x",
        t -> {
          clock.advance(Duration.ofMillis(250));
          return new QueryResult.Vector(List.of());
        });
    GroupEvaluation ev = evaluator(g).evaluate(T0);
    assertThat(ev.duration()).isEqualTo(Duration.ofMillis(250));
    assertThat(ev.rules().get(0).evaluationDuration()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void concurrencyRunsRulesInParallelAndKeepsFileOrder() throws Exception {
    List<io.vmrules.rules.model.RuleSpec> rules = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rules.add(Specs.record("r" + i, "q" + i, Map.of()));
    }
    GroupSpec g =
        Specs.group(
            "g", null, 0, 3, Map.of(), rules.toArray(io.vmrules.rules.model.RuleSpec[]::new));
    // All three of the first wave must be in flight together before any answers.
    CountDownLatch inFlight = new CountDownLatch(3);
    AtomicInteger maxParallel = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    for (int i = 0; i < 6; i++) {
      int v = i;
      querier.answer(
          "q" + i,
          t -> {
            maxParallel.accumulateAndGet(running.incrementAndGet(), Math::max);
            inFlight.countDown();
            try {
              inFlight.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new QueryResult.Vector(List.of(sample(v)));
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      GroupEvaluator e = GroupEvaluator.builder(g, querier).writer(writer).executor(pool).build();
      GroupEvaluation ev = e.evaluate(T0);
      assertThat(ev.rules())
          .extracting(r -> r.spec().name())
          .containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
      assertThat(ev.series())
          .extracting(Sample::value)
          .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
      assertThat(inFlight.getCount()).isZero();
      assertThat(maxParallel.get()).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rulesRunInFileOrderWithoutConcurrency() {
    GroupSpec g =
        Specs.group("g", Specs.record("a", "qa", Map.of()), Specs.record("b", "qb", Map.of()));
    evaluator(g).evaluate(T0);
    assertThat(querier.requests()).extracting(QueryRequest::expr).containsExactly("qa", "qb");
  }

  static final class RecordingMetrics implements EngineMetrics {
    final List<String> failures = new ArrayList<>();
    final Map<AlertState, Integer> alerts = new java.util.EnumMap<>(AlertState.class);
    final AtomicInteger rules = new AtomicInteger();

    @Override
    public void ruleEvaluationFailed(String group, String rule) {
      failures.add(group + "/" + rule);
    }

    @Override
    public void alertsInGroup(String group, Map<AlertState, Integer> countByState) {
      alerts.putAll(countByState);
    }

    @Override
    public void rulesEvaluated(String group, int count) {
      rules.addAndGet(count);
    }
  }
}
