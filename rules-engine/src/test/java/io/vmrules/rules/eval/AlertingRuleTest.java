package io.vmrules.rules.eval;

import static io.vmrules.rules.testing.FakeQuerier.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert state machine, step by step from time zero with explicit instants. */
class AlertingRuleTest {
  private static final Instant T0 = Instant.EPOCH;
  private static final Sample UP_A = sample(0, "__name__", "up", "job", "a");
  private static final Sample UP_B = sample(0, "__name__", "up", "job", "b");

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static AlertingRule rule(Duration forDuration) {
    return rule(Specs.alert("Down", "up == 0", forDuration), 0);
  }

  private static AlertingRule rule(AlertingRuleSpec spec, int limit) {
    GroupSpec g = Specs.group("g", null, limit, 1, Map.of(), spec);
    return new AlertingRule(spec, g, EvaluationSettings.defaults(), GoTemplateRenderer.vmalert());
  }

  /** Runs the machine over one result per step; returns the final state. */
  private static AlertRuleState run(
      AlertingRule rule, AlertRuleState s, Instant t, Sample... result) {
    AlertEvaluation ev = rule.evaluate(s, List.of(result), t);
    assertThat(ev.error()).isNull();
    return ev.state();
  }

  private static Alert only(AlertRuleState s) {
    assertThat(s.all()).hasSize(1);
    return s.all().iterator().next();
  }

  @Test
  void forZeroFiresAtTheFirstEvaluation() {
    AlertingRule r = rule(Duration.ZERO);
    Alert a = only(run(r, AlertRuleState.empty(), T0, UP_A));
    assertThat(a.state()).isEqualTo(AlertState.FIRING);
    assertThat(a.activeAt()).isEqualTo(T0);
    assertThat(a.firedAt()).isEqualTo(T0);
    assertThat(a.labels()).isEqualTo(Labels.of("alertgroup", "g", "alertname", "Down", "job", "a"));
  }

  @Test
  void pendingUntilForHasPassedThenFiring() {
    AlertingRule r = rule(Duration.ofMinutes(2));
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    assertThat(only(s).state()).isEqualTo(AlertState.PENDING);
    s = run(r, s, at(60), UP_A);
    assertThat(only(s).state()).isEqualTo(AlertState.PENDING);
    assertThat(only(s).activeAt()).isEqualTo(T0);
    s = run(r, s, at(120), UP_A);
    assertThat(only(s).state()).isEqualTo(AlertState.FIRING);
    assertThat(only(s).firedAt()).isEqualTo(at(120));
    assertThat(only(s).activeAt()).isEqualTo(T0);
  }

  @Test
  void theStateHoldsOneLabelSetPerAlertAcrossEvaluations() {
    // each evaluation computes an equal copy of the labels; the state keeps the alert's own
    AlertingRule r = rule(Duration.ofMinutes(2));
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60), UP_A);
    s = run(r, s, at(120), UP_A);

    Map.Entry<Labels, Alert> e = s.alerts().entrySet().iterator().next();
    assertThat(e.getKey()).isSameAs(e.getValue().labels());
  }

  @Test
  void seriesShareOneStateLabelString() {
    AlertingRule r = rule(Duration.ZERO);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A, UP_B);

    List<Sample> series = r.series(s, 0);

    assertThat(series.get(0).labels().get(AlertingRule.ALERT_STATE))
        .isEqualTo("firing")
        .isSameAs(series.get(2).labels().get(AlertingRule.ALERT_STATE));
  }

  @Test
  void pendingAlertWhoseSeriesIsGoneIsForgotten() {
    AlertingRule r = rule(Duration.ofMinutes(2));
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60));
    assertThat(s.all()).isEmpty();
    // and comes back pending with a new activeAt
    s = run(r, s, at(120), UP_A);
    assertThat(only(s).state()).isEqualTo(AlertState.PENDING);
    assertThat(only(s).activeAt()).isEqualTo(at(120));
  }

  @Test
  void firingAlertWhoseSeriesIsGoneIsResolvedAndKeptFifteenMinutes() {
    AlertingRule r = rule(Duration.ZERO);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60));
    Alert a = only(s);
    assertThat(a.state()).isEqualTo(AlertState.INACTIVE);
    assertThat(a.resolvedAt()).isEqualTo(at(60));
    assertThat(a.firedAt()).isEqualTo(T0);
    s = run(r, s, at(60 + 15 * 60));
    assertThat(only(s).state()).isEqualTo(AlertState.INACTIVE);
    s = run(r, s, at(60 + 15 * 60 + 1));
    assertThat(s.all()).isEmpty();
  }

  @Test
  void resolvedAlertThatReturnsStartsOverAsPending() {
    AlertingRule r = rule(Duration.ofMinutes(1));
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60), UP_A);
    assertThat(only(s).state()).isEqualTo(AlertState.FIRING);
    s = run(r, s, at(120));
    assertThat(only(s).state()).isEqualTo(AlertState.INACTIVE);
    s = run(r, s, at(180), UP_A);
    Alert a = only(s);
    assertThat(a.state()).isEqualTo(AlertState.PENDING);
    assertThat(a.activeAt()).isEqualTo(at(180));
    assertThat(a.resolvedAt()).isNull();
  }

  @Test
  void flappingSeriesNeverFiresWhenGapsAreShorterThanFor() {
    AlertingRule r = rule(Duration.ofMinutes(2));
    AlertRuleState s = AlertRuleState.empty();
    for (int i = 0; i < 10; i++) {
      s = i % 2 == 0 ? run(r, s, at(60L * i), UP_A) : run(r, s, at(60L * i));
      assertThat(s.all()).allSatisfy(a -> assertThat(a.state()).isEqualTo(AlertState.PENDING));
    }
  }

  @Test
  void flappingFiringAlertResolvesAndRestartsEachTime() {
    AlertingRule r = rule(Duration.ZERO);
    AlertRuleState s = AlertRuleState.empty();
    for (int i = 0; i < 6; i++) {
      s = i % 2 == 0 ? run(r, s, at(60L * i), UP_A) : run(r, s, at(60L * i));
      Alert a = only(s);
      assertThat(a.state()).isEqualTo(i % 2 == 0 ? AlertState.FIRING : AlertState.INACTIVE);
      if (i % 2 == 0) {
        assertThat(a.activeAt()).isEqualTo(at(60L * i));
      }
    }
  }

  @Test
  void keepFiringForHoldsAFiringAlertAfterItsSeriesIsGone() {
    AlertingRuleSpec spec =
        Specs.alert("Down", "up == 0", Duration.ZERO, Duration.ofMinutes(2), Map.of(), Map.of());
    AlertingRule r = rule(spec, 0);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60));
    assertThat(only(s).state()).isEqualTo(AlertState.FIRING);
    assertThat(only(s).keepFiringSince()).isEqualTo(at(60));
    s = run(r, s, at(120));
    assertThat(only(s).state()).isEqualTo(AlertState.FIRING);
    // 2m after the series went away: resolved (Prometheus keeps while ts - since < keep_firing_for)
    s = run(r, s, at(180));
    assertThat(only(s).state()).isEqualTo(AlertState.INACTIVE);
    assertThat(only(s).resolvedAt()).isEqualTo(at(180));
  }

  @Test
  void keepFiringSinceResetsWhenTheSeriesReturns() {
    AlertingRuleSpec spec =
        Specs.alert("Down", "up == 0", Duration.ZERO, Duration.ofMinutes(2), Map.of(), Map.of());
    AlertingRule r = rule(spec, 0);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60));
    s = run(r, s, at(120), UP_A);
    assertThat(only(s).keepFiringSince()).isNull();
    assertThat(only(s).firedAt()).isEqualTo(T0);
    s = run(r, s, at(180));
    s = run(r, s, at(240));
    assertThat(only(s).state()).isEqualTo(AlertState.FIRING);
    assertThat(only(s).keepFiringSince()).isEqualTo(at(180));
  }

  @Test
  void keepFiringForDoesNotHoldPendingAlerts() {
    AlertingRuleSpec spec =
        Specs.alert(
            "Down", "up == 0", Duration.ofMinutes(5), Duration.ofMinutes(10), Map.of(), Map.of());
    AlertingRule r = rule(spec, 0);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60));
    assertThat(s.all()).isEmpty();
  }

  @Test
  void valueAndAnnotationsFollowTheLatestSample() {
    AlertingRuleSpec spec =
        Specs.alert(
            "High",
            "x > 1",
            Duration.ofMinutes(1),
            Duration.ZERO,
            Map.of("severity", "page"),
            Map.of(
                "summary",
                "{{ $labels.job }} on {{ $labels.__name__ }} is {{ $value }} ({{ $labels.severity }})"));
    AlertingRule r = rule(spec, 0);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, sample(2, "__name__", "x", "job", "a"));
    assertThat(only(s).annotations()).containsEntry("summary", "a on x is 2 (page)");
    s = run(r, s, at(60), sample(3.5, "__name__", "x", "job", "a"));
    assertThat(only(s).value()).isEqualTo(3.5);
    assertThat(only(s).annotations()).containsEntry("summary", "a on x is 3.5 (page)");
    assertThat(only(s).state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void labelsMergeExternalGroupAndRuleLabelsLaterWinning() {
    AlertingRuleSpec spec =
        Specs.alert(
            "Down",
            "up == 0",
            Duration.ZERO,
            Duration.ZERO,
            Map.of("env", "rule", "instance_job", "{{ $labels.job }}-{{ $labels.__name__ }}"),
            Map.of());
    GroupSpec g = Specs.group("g", null, 0, 1, Map.of("env", "group", "team", "t1"), spec);
    EvaluationSettings settings =
        new EvaluationSettings(
            Map.of("env", "external", "dc", "x", "job", "ext"), "", Duration.ofMinutes(1));
    AlertingRule r = new AlertingRule(spec, g, settings, GoTemplateRenderer.vmalert());
    Alert a = only(run(r, AlertRuleState.empty(), T0, UP_A));
    assertThat(a.labels())
        .isEqualTo(
            Labels.of(
                "alertgroup",
                "g",
                "alertname",
                "Down",
                "dc",
                "x",
                "env",
                "rule",
                "instance_job",
                "a-up",
                "job",
                "ext",
                "team",
                "t1"));
  }

  @Test
  void duplicateLabelSetsAfterLabellingFailTheRuleAndKeepTheState() {
    AlertingRule r = rule(Duration.ZERO);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    AlertEvaluation ev =
        r.evaluate(
            s,
            List.of(
                sample(0, "__name__", "up", "job", "a"), sample(0, "__name__", "down", "job", "a")),
            at(60));
    assertThat(ev.failed()).isTrue();
    assertThat(ev.error()).contains("same labelset");
    assertThat(ev.state()).isSameAs(s);
  }

  @Test
  void exceedingTheLimitFailsTheRuleAndDropsEveryAlert() {
    AlertingRule r = rule(Specs.alert("Down", "up == 0", Duration.ZERO), 1);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    AlertEvaluation ev = r.evaluate(s, List.of(UP_A, UP_B), at(60));
    assertThat(ev.failed()).isTrue();
    assertThat(ev.error()).isEqualTo("exceeded limit of 1 with 2 alerts");
    assertThat(ev.state().all()).isEmpty();
    // within the limit again: alerts start over
    s = run(r, ev.state(), at(120), UP_B);
    assertThat(only(s).activeAt()).isEqualTo(at(120));
  }

  @Test
  void resolvedAlertsDoNotCountTowardsTheLimit() {
    AlertingRule r = rule(Specs.alert("Down", "up == 0", Duration.ZERO), 1);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60), UP_B);
    assertThat(s.countByState())
        .containsEntry(AlertState.FIRING, 1)
        .containsEntry(AlertState.INACTIVE, 1);
  }

  @Test
  void independentLabelSetsHaveIndependentStates() {
    AlertingRule r = rule(Duration.ofMinutes(1));
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60), UP_A, UP_B);
    assertThat(s.get(r.labelsFor(UP_A, Instant.EPOCH)).state()).isEqualTo(AlertState.FIRING);
    assertThat(s.get(r.labelsFor(UP_B, Instant.EPOCH)).state()).isEqualTo(AlertState.PENDING);
  }

  @Test
  void evaluationIsPureThePreviousStateIsUntouched() {
    AlertingRule r = rule(Duration.ofMinutes(1));
    AlertRuleState s0 = run(r, AlertRuleState.empty(), T0, UP_A);
    AlertRuleState s1 = run(r, s0, at(60), UP_A);
    assertThat(only(s0).state()).isEqualTo(AlertState.PENDING);
    assertThat(only(s1).state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void seriesMirrorPendingAndFiringAlertsOnly() {
    AlertingRule r = rule(Duration.ofMinutes(1));
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_A);
    s = run(r, s, at(60), UP_A, UP_B);
    List<Sample> series = r.series(s, 60_000);
    assertThat(series)
        .containsExactlyInAnyOrder(
            new Sample(
                Labels.of(
                    "__name__",
                    "ALERTS",
                    "alertgroup",
                    "g",
                    "alertname",
                    "Down",
                    "alertstate",
                    "firing",
                    "job",
                    "a"),
                1,
                60_000),
            new Sample(
                Labels.of(
                    "__name__",
                    "ALERTS_FOR_STATE",
                    "alertgroup",
                    "g",
                    "alertname",
                    "Down",
                    "job",
                    "a"),
                0,
                60_000),
            new Sample(
                Labels.of(
                    "__name__",
                    "ALERTS",
                    "alertgroup",
                    "g",
                    "alertname",
                    "Down",
                    "alertstate",
                    "pending",
                    "job",
                    "b"),
                1,
                60_000),
            new Sample(
                Labels.of(
                    "__name__",
                    "ALERTS_FOR_STATE",
                    "alertgroup",
                    "g",
                    "alertname",
                    "Down",
                    "job",
                    "b"),
                60,
                60_000));
    s = run(r, s, at(120));
    assertThat(r.series(s, 120_000)).isEmpty();
  }

  @Test
  void alertsAreSortedByLabels() {
    AlertingRule r = rule(Duration.ZERO);
    AlertRuleState s = run(r, AlertRuleState.empty(), T0, UP_B, UP_A);
    assertThat(s.all()).extracting(a -> a.labels().get("job")).containsExactly("a", "b");
  }
}
