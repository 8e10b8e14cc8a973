package io.vmrules.rules.restore;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.AlertingRule;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.notify.AlertDispatcher;
import io.vmrules.rules.notify.Notification;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertStateRestorerTest {
  private static final Instant RESTART = Instant.parse("2024-05-01T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final String EXPR = "up == 0";

  private final AlertingRuleSpec rule = alert("Down", EXPR, Duration.ofMinutes(5));
  private final GroupSpec group = group("a.yml", "node", INTERVAL, rule);
  private final FakeQuerier remoteRead = new FakeQuerier();
  private final FakeQuerier datasource = new FakeQuerier();
  private final AlertStateRestorer restorer =
      new AlertStateRestorer(remoteRead, Duration.ofHours(1));

  private static Labels alertLabels(String instance) {
    return Labels.of("instance", instance, "alertname", "Down", "alertgroup", "node");
  }

  private static Sample forState(String instance, Instant activeAt) {
    return new Sample(
        alertLabels(instance).with(Labels.METRIC_NAME, AlertingRule.ALERTS_FOR_STATE),
        activeAt.getEpochSecond(),
        RESTART.toEpochMilli());
  }

  private String query() {
    return restorer.query(group, rule);
  }

  private GroupEvaluator restartedEvaluator(AlertStateRestorer.Restored restored) {
    return GroupEvaluator.builder(group, datasource)
        .initialAlerts(r -> restored.alertsOf(group, r))
        .build();
  }

  @Test
  void asksForTheLatestAlertsForStateOfEachRule() {
    assertThat(query())
        .isEqualTo(
            "last_over_time(ALERTS_FOR_STATE{alertname=\"Down\",alertgroup=\"node\"}[3600s])");
    restorer.restore(List.of(group), RESTART);
    assertThat(remoteRead.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.expr()).isEqualTo(query());
              assertThat(r.time()).isEqualTo(RESTART);
            });
  }

  @Test
  void pendingAlertKeepsItsActiveAtAndFiresWhenItsForIsUp() {
    // pending for 4 of its 5 minutes when the engine stopped
    remoteRead.answer(query(), List.of(forState("a", RESTART.minus(Duration.ofMinutes(4)))));
    AlertStateRestorer.Restored restored = restorer.restore(List.of(group), RESTART);
    assertThat(restored.alerts()).isEqualTo(1);
    Alert a = restored.alertsOf(group, rule).get(alertLabels("a"));
    assertThat(a.state()).isEqualTo(AlertState.PENDING);
    assertThat(a.activeAt()).isEqualTo(RESTART.minus(Duration.ofMinutes(4)));

    datasource.answer(EXPR, 0, Labels.of("instance", "a"));
    GroupEvaluator ev = restartedEvaluator(restored);
    assertThat(stateAt(ev, RESTART)).isEqualTo(AlertState.PENDING);
    assertThat(stateAt(ev, RESTART.plus(Duration.ofMinutes(1)))).isEqualTo(AlertState.FIRING);
  }

  @Test
  void firingAlertStaysFiringWithItsActiveAtAndNoResolveOrRefire() {
    Instant activeAt = RESTART.minus(Duration.ofMinutes(30));
    remoteRead.answer(query(), List.of(forState("a", activeAt)));
    AlertStateRestorer.Restored restored = restorer.restore(List.of(group), RESTART);
    Alert a = restored.alertsOf(group, rule).get(alertLabels("a"));
    assertThat(a.state()).isEqualTo(AlertState.FIRING);
    assertThat(a.firedAt()).isEqualTo(activeAt.plus(Duration.ofMinutes(5)));

    datasource.answer(EXPR, 0, Labels.of("instance", "a"));
    GroupEvaluator ev = restartedEvaluator(restored);
    RecordingNotifier notifier = new RecordingNotifier();
    AlertDispatcher dispatcher = new AlertDispatcher(notifier, Duration.ofMinutes(1), "http://x");
    GroupEvaluation first = ev.evaluate(RESTART);
    dispatcher.afterEvaluation(group, INTERVAL, first);
    Alert after = first.rules().get(0).alerts().get(alertLabels("a"));
    assertThat(after.state()).isEqualTo(AlertState.FIRING);
    assertThat(after.activeAt()).isEqualTo(activeAt);
    // ALERTS_FOR_STATE goes on with the original activeAt
    assertThat(first.series())
        .filteredOn(s -> AlertingRule.ALERTS_FOR_STATE.equals(s.metricName()))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(activeAt.getEpochSecond()));
    List<Notification> sent = notifier.all();
    assertThat(sent)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.startsAt()).isEqualTo(activeAt.plus(Duration.ofMinutes(5)));
              assertThat(n.resolvedAt(RESTART)).isFalse();
            });
  }

  @Test
  void firingAlertWhoseConditionEndedDuringTheOutageIsResolvedByTheFirstEvaluation() {
    remoteRead.answer(query(), List.of(forState("a", RESTART.minus(Duration.ofMinutes(30)))));
    AlertStateRestorer.Restored restored = restorer.restore(List.of(group), RESTART);
    GroupEvaluator ev = restartedEvaluator(restored);
    RecordingNotifier notifier = new RecordingNotifier();
    new AlertDispatcher(notifier, Duration.ofMinutes(1), "")
        .afterEvaluation(group, INTERVAL, ev.evaluate(RESTART));
    assertThat(notifier.all())
        .singleElement()
        .satisfies(n -> assertThat(n.endsAt()).isEqualTo(RESTART));
  }

  @Test
  void failedQueryRestoresNothingForThatRuleAndStartUpGoesOn() {
    AlertingRuleSpec other = alert("Other", "x > 1", Duration.ZERO);
    GroupSpec two = group("a.yml", "node", INTERVAL, rule, other);
    remoteRead.fail(restorer.query(two, rule), "connection refused");
    remoteRead.answer(
        restorer.query(two, other),
        List.of(
            new Sample(
                Labels.of(
                    "__name__", "ALERTS_FOR_STATE", "alertname", "Other", "alertgroup", "node"),
                RESTART.minusSeconds(5).getEpochSecond(),
                0)));
    AlertStateRestorer.Restored restored = restorer.restore(List.of(two), RESTART);
    assertThat(restored.failedRules()).isEqualTo(1);
    assertThat(restored.alertsOf(two, rule).alerts()).isEmpty();
    assertThat(restored.alertsOf(two, other).all())
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
  }

  @Test
  void ignoresValuesThatAreNoTimestamps() {
    remoteRead.answer(
        query(),
        List.of(
            forState("future", RESTART.plusSeconds(60)),
            new Sample(alertLabels("nan").with("__name__", "ALERTS_FOR_STATE"), Double.NaN, 0)));
    assertThat(restorer.restore(List.of(group), RESTART).alerts()).isZero();
  }

  private AlertState stateAt(GroupEvaluator ev, Instant t) {
    return ev.evaluate(t).rules().get(0).alerts().get(alertLabels("a")).state();
  }
}
