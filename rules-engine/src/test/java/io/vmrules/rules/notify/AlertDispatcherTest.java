package io.vmrules.rules.notify;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(15);
  private static final Labels API = Labels.of("job", "api");

  private final FakeQuerier querier = new FakeQuerier();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final AlertDispatcher dispatcher =
      new AlertDispatcher(notifier, Duration.ofMinutes(1), "http://rules.example:8880/");
  private final GroupSpec group =
      group(
          "a.yml",
          "g",
          INTERVAL,
          alert(
              "Down",
              "up == 0",
              Duration.ofSeconds(30),
              Map.of("severity", "page"),
              Map.of("summary", "{{ $labels.job }} is down")));
  private final GroupEvaluator evaluator = GroupEvaluator.builder(group, querier).build();

  /** The test's group with a series limit and notifier_headers. */
  private GroupSpec groupWith(int limit, Map<String, String> notifierHeaders) {
    return new GroupSpec(
        "a.yml",
        "g",
        INTERVAL,
        limit,
        1,
        null,
        null,
        Map.of(),
        Map.of(),
        Map.of(),
        notifierHeaders,
        null,
        group.rules(),
        group.position());
  }

  private List<Notification> evaluateAt(Duration sinceStart) {
    return dispatcher.afterEvaluation(group, INTERVAL, evaluator.evaluate(T0.plus(sinceStart)));
  }

  @Test
  void pendingAlertsAreNotSent() {
    querier.answer("up == 0", 0, API);
    assertThat(evaluateAt(Duration.ZERO)).isEmpty();
    assertThat(evaluateAt(Duration.ofSeconds(15))).isEmpty();
    assertThat(notifier.batches()).isEmpty();
  }

  @Test
  void firingAlertIsSentWhenItFiresThenEveryResendDelayNotEveryEvaluation() {
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    evaluateAt(Duration.ofSeconds(15));
    List<Notification> fired = evaluateAt(Duration.ofSeconds(30));
    assertThat(fired).hasSize(1);
    Notification n = fired.get(0);
    assertThat(n.labels())
        .isEqualTo(
            Labels.of("job", "api", "severity", "page", "alertname", "Down", "alertgroup", "g"));
    assertThat(n.annotations()).containsEntry("summary", "api is down");
    assertThat(n.startsAt()).isEqualTo(T0.plusSeconds(30));
    // endsAt = eval time + 4 × max(interval 15s, resend delay 1m)
    assertThat(n.endsAt()).isEqualTo(T0.plusSeconds(30).plus(Duration.ofMinutes(4)));
    assertThat(n.generatorURL())
        .isEqualTo("http://rules.example:8880/graph?g0.expr=up+%3D%3D+0&g0.tab=1");

    assertThat(evaluateAt(Duration.ofSeconds(45))).isEmpty();
    assertThat(evaluateAt(Duration.ofSeconds(60))).isEmpty();
    assertThat(evaluateAt(Duration.ofSeconds(75))).isEmpty();
    List<Notification> resent = evaluateAt(Duration.ofSeconds(90));
    assertThat(resent).hasSize(1);
    assertThat(resent.get(0).startsAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(resent.get(0).endsAt()).isEqualTo(T0.plusSeconds(90).plus(Duration.ofMinutes(4)));
    assertThat(notifier.all()).hasSize(2);
  }

  @Test
  void resolvedAlertIsSentOnceWithEndsAtAtResolution() {
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    evaluateAt(Duration.ofSeconds(30));
    querier.answer("up == 0", 0);
    List<Notification> resolved = evaluateAt(Duration.ofSeconds(45));
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).endsAt()).isEqualTo(T0.plusSeconds(45));
    assertThat(resolved.get(0).resolvedAt(T0.plusSeconds(45))).isTrue();
    for (int s = 60; s <= 300; s += 15) {
      assertThat(evaluateAt(Duration.ofSeconds(s))).as("at +%ss", s).isEmpty();
    }
    assertThat(notifier.all()).hasSize(2);
  }

  @Test
  void theLedgerIsHandedOverOnlyWhenItChanged() {
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    assertThat(dispatcher.changed(group.key())).isEmpty(); // pending: nothing sent
    evaluateAt(Duration.ofSeconds(30));
    assertThat(dispatcher.changed(group.key()))
        .hasValueSatisfying(sent -> assertThat(sent).singleElement().matches(a -> !a.resolved()));
    assertThat(dispatcher.changed(group.key())).as("taken").isEmpty();
    evaluateAt(Duration.ofSeconds(45));
    assertThat(dispatcher.changed(group.key())).as("not due again").isEmpty();
    evaluateAt(Duration.ofSeconds(90));
    assertThat(dispatcher.changed(group.key())).as("re-sent").isPresent();
    // a restored ledger is the store's already
    dispatcher.restore(group.key(), dispatcher.sent(group.key()));
    assertThat(dispatcher.changed(group.key())).isEmpty();
    // an alert that vanishes is resolved and forgotten; then the group's ledger is empty
    querier.answer("up == 0", 0);
    evaluateAt(Duration.ofSeconds(105));
    assertThat(dispatcher.changed(group.key()))
        .hasValueSatisfying(sent -> assertThat(sent).singleElement().matches(SentAlert::resolved));
    evaluateAt(Duration.ofSeconds(120));
    assertThat(dispatcher.changed(group.key())).isEmpty();
  }

  @Test
  void anotherEngineWithTheLedgerKeepsTheResendDelayAndResolvesOnce() {
    // engine A sends the firing alert; engine B, with A's ledger and alerts, continues the group
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    evaluateAt(Duration.ofSeconds(15));
    assertThat(evaluateAt(Duration.ofSeconds(30))).hasSize(1);
    RecordingNotifier bSent = new RecordingNotifier();
    AlertDispatcher b = new AlertDispatcher(bSent, Duration.ofMinutes(1), "http://rules.example");
    b.restore(group.key(), dispatcher.sent(group.key()));
    GroupEvaluator bEval = GroupEvaluator.builder(group, querier).build();
    bEval.restore(
        evaluator.snapshot().stream().map(io.vmrules.rules.eval.RuleSnapshot::alerts).toList(),
        "a");
    assertThat(b.afterEvaluation(group, INTERVAL, bEval.evaluate(T0.plusSeconds(45)))).isEmpty();
    assertThat(b.afterEvaluation(group, INTERVAL, bEval.evaluate(T0.plusSeconds(75)))).isEmpty();
    assertThat(b.afterEvaluation(group, INTERVAL, bEval.evaluate(T0.plusSeconds(90)))).hasSize(1);
    // resolved by B, then A continues with B's ledger: no second "resolved"
    querier.answer("up == 0", 0);
    assertThat(b.afterEvaluation(group, INTERVAL, bEval.evaluate(T0.plusSeconds(105))))
        .singleElement()
        .matches(n -> n.resolvedAt(T0.plusSeconds(105)));
    dispatcher.restore(group.key(), b.sent(group.key()));
    evaluator.restore(
        bEval.snapshot().stream().map(io.vmrules.rules.eval.RuleSnapshot::alerts).toList(), "b");
    assertThat(evaluateAt(Duration.ofSeconds(120))).isEmpty();
  }

  @Test
  void alertThatFiresAgainAfterResolvingIsSentAtOnce() {
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    evaluateAt(Duration.ofSeconds(30));
    querier.answer("up == 0", 0);
    evaluateAt(Duration.ofSeconds(45));
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ofSeconds(60));
    evaluateAt(Duration.ofSeconds(75));
    List<Notification> refired = evaluateAt(Duration.ofSeconds(90));
    assertThat(refired).hasSize(1);
    assertThat(refired.get(0).startsAt()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void failedQueryKeepsStateAndResendsOnSchedule() {
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    evaluateAt(Duration.ofSeconds(30));
    querier.fail("up == 0", "connection refused");
    assertThat(evaluateAt(Duration.ofSeconds(45))).isEmpty();
    assertThat(evaluateAt(Duration.ofSeconds(90))).hasSize(1);
  }

  @Test
  void groupRemovedResolvesWhatWasFiring() {
    querier.answer("up == 0", 0, API);
    evaluateAt(Duration.ZERO);
    evaluateAt(Duration.ofSeconds(30));
    List<Notification> resolved = dispatcher.groupRemoved(group, T0.plusSeconds(40));
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).endsAt()).isEqualTo(T0.plusSeconds(40));
    assertThat(resolved.get(0).startsAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(resolved.get(0).annotations()).containsEntry("summary", "api is down");
    assertThat(dispatcher.groupRemoved(group, T0.plusSeconds(50))).isEmpty();
  }

  @Test
  void firingAlertThatVanishesWithoutResolvingIsSentResolved() {
    GroupSpec limited = groupWith(1, Map.of());
    GroupEvaluator ev = GroupEvaluator.builder(limited, querier).build();
    querier.answer("up == 0", 0, API);
    dispatcher.afterEvaluation(limited, INTERVAL, ev.evaluate(T0));
    assertThat(dispatcher.afterEvaluation(limited, INTERVAL, ev.evaluate(T0.plusSeconds(30))))
        .hasSize(1);
    // two series now exceed the limit of 1: the rule fails and drops its alerts
    querier.answer("up == 0", 0, API, Labels.of("job", "db"));
    List<Notification> out =
        dispatcher.afterEvaluation(limited, INTERVAL, ev.evaluate(T0.plusSeconds(45)));
    assertThat(out)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.labels().get("job")).isEqualTo("api");
              assertThat(n.endsAt()).isEqualTo(T0.plusSeconds(45));
            });
  }

  @Test
  void theGroupsNotifierHeadersGoWithFiringAndResolvedAlerts() {
    Map<String, String> headers = Map.of("X-Team", "payments");
    GroupSpec team = groupWith(0, headers);
    GroupEvaluator ev = GroupEvaluator.builder(team, querier).build();
    querier.answer("up == 0", 0, API);
    dispatcher.afterEvaluation(team, INTERVAL, ev.evaluate(T0));
    assertThat(dispatcher.afterEvaluation(team, INTERVAL, ev.evaluate(T0.plusSeconds(30))))
        .singleElement()
        .satisfies(n -> assertThat(n.headers()).isEqualTo(headers));
    assertThat(dispatcher.groupRemoved(team, T0.plusSeconds(40)))
        .singleElement()
        .satisfies(n -> assertThat(n.headers()).isEqualTo(headers));
    assertThat(notifier.batches())
        .allSatisfy(b -> assertThat(b).allMatch(n -> n.headers().equals(headers)));
  }

  @Test
  void endsAtUsesTheIntervalWhenItIsLongerThanTheResendDelay() {
    GroupSpec slow =
        group("a.yml", "slow", Duration.ofMinutes(5), alert("Down", "up == 0", Duration.ZERO));
    GroupEvaluator ev = GroupEvaluator.builder(slow, querier).build();
    querier.answer("up == 0", 0, API);
    List<Notification> out =
        dispatcher.afterEvaluation(slow, Duration.ofMinutes(5), ev.evaluate(T0));
    assertThat(out.get(0).endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
  }
}
