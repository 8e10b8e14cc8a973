package io.vmrules.rules.eval;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alerting rule ready to evaluate. {@link #evaluate} is the state machine: a pure function of
 * the previous state, the query result and the evaluation time.
 */
public final class AlertingRule implements Rule {
  /** The name of the series that mirrors every pending and firing alert. */
  public static final String ALERTS = "ALERTS";

  /** The name of the series that holds each active alert's {@code activeAt} in Unix seconds. */
  public static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";

  public static final String ALERT_NAME = "alertname";
  public static final String ALERT_GROUP = "alertgroup";
  public static final String ALERT_STATE = "alertstate";

  private final AlertingRuleSpec spec;
  private final GroupSpec group;
  private final EvaluationSettings settings;
  private final AnnotationRenderer renderer;

  public AlertingRule(
      AlertingRuleSpec spec,
      GroupSpec group,
      EvaluationSettings settings,
      AnnotationRenderer renderer) {
    this.spec = spec;
    this.group = group;
    this.settings = settings;
    this.renderer = renderer;
  }

  @Override
  public AlertingRuleSpec spec() {
    return spec;
  }

  /**
   * One step of the state machine at evaluation time {@code ts}, given the rule's query result. New
   * label sets become pending (and firing at once when {@code for} is zero); pending alerts fire
   * once active for {@code for}; an alert whose series is gone is dropped when pending, resolved
   * when firing (after {@code keep_firing_for}), and forgotten 15 minutes after it was resolved.
   * Duplicate label sets fail the rule and keep the previous state; more active alerts than the
   * group's {@code limit} fail the rule and drop every alert.
   */
  public AlertEvaluation evaluate(AlertRuleState previous, List<Sample> result, Instant ts) {
    Map<Labels, Sample> observed = new LinkedHashMap<>();
    for (Sample s : result) {
      Labels labels = labelsFor(s, ts);
      if (observed.putIfAbsent(labels, s) != null) {
        return AlertEvaluation.failed(
            previous,
            "vector contains metrics with the same labelset after applying alert labels: "
                + labels);
      }
    }
    Map<Labels, Alert> next = new HashMap<>();
    for (Map.Entry<Labels, Sample> e : observed.entrySet()) {
      Labels labels = e.getKey();
      double value = e.getValue().value();
      Alert old = previous.get(labels);
      boolean active = old != null && old.isActive();
      Map<String, String> annotations =
          annotations(labels, e.getValue().labels(), value, ts, active ? old.activeAt() : ts);
      Alert alert =
          active
              ? old.seen(value, annotations, ts)
              : new Alert(labels, annotations, AlertState.PENDING, value, ts, null, null, null, ts);
      // keyed by the alert's own labels, not this evaluation's equal copy: one label set per alert
      next.put(alert.labels(), alert);
    }
    Duration keepFiringFor = spec.keepFiringFor();
    for (Alert old : previous.all()) {
      if (observed.containsKey(old.labels())) {
        continue;
      }
      switch (old.state()) {
        case PENDING -> {
          // a pending alert whose series is gone is forgotten
        }
        case INACTIVE -> {
          if (!ts.isAfter(old.resolvedAt().plus(EvaluationSettings.RESOLVED_RETENTION))) {
            next.put(old.labels(), old);
          }
        }
        case FIRING -> {
          Instant since = old.keepFiringSince() != null ? old.keepFiringSince() : ts;
          if (keepFiringFor.compareTo(Duration.ZERO) > 0
              && Duration.between(since, ts).compareTo(keepFiringFor) < 0) {
            next.put(old.labels(), old.keptFiringSince(since, ts));
          } else {
            next.put(old.labels(), old.resolved(ts));
          }
        }
      }
    }
    int active = 0;
    for (Map.Entry<Labels, Alert> e : next.entrySet()) {
      Alert a = e.getValue();
      if (a.state() == AlertState.PENDING
          && Duration.between(a.activeAt(), ts).compareTo(spec.forDuration()) >= 0) {
        e.setValue(a.fired(ts));
      }
      if (a.isActive()) {
        active++;
      }
    }
    int limit = group.limit();
    if (limit > 0 && active > limit) {
      return AlertEvaluation.failed(
          AlertRuleState.empty(), "exceeded limit of " + limit + " with " + active + " alerts");
    }
    return AlertEvaluation.ok(new AlertRuleState(next));
  }

  @Override
  public Step step(
      AlertRuleState previous, List<Sample> result, Instant slot, long timestampMillis) {
    AlertEvaluation ev = evaluate(previous, result, slot);
    List<Sample> out = ev.failed() ? List.of() : series(ev.state(), timestampMillis);
    return new Step(ev.state(), out, ev.error(), result.size());
  }

  /**
   * The series that mirror the state: for every pending or firing alert, {@code ALERTS{…} 1} and
   * {@code ALERTS_FOR_STATE{…} <activeAt in Unix seconds>}, stamped {@code timestampMillis}.
   */
  public List<Sample> series(AlertRuleState state, long timestampMillis) {
    List<Sample> out = new ArrayList<>();
    for (Alert a : state.all()) {
      if (!a.isActive()) {
        continue;
      }
      Labels alerts =
          a.labels().toBuilder()
              .set(Labels.METRIC_NAME, ALERTS)
              .set(ALERT_STATE, a.state().label())
              .build();
      out.add(new Sample(alerts, 1, timestampMillis));
      Labels forState = a.labels().toBuilder().set(Labels.METRIC_NAME, ALERTS_FOR_STATE).build();
      // milliseconds kept (Prometheus and vmalert write whole seconds) so a restore gets activeAt
      // back exactly
      out.add(new Sample(forState, a.activeAt().toEpochMilli() / 1000.0, timestampMillis));
    }
    return out;
  }

  /**
   * Series labels minus {@code __name__}, then external, group and rule labels (later wins; rule
   * label values are templates over the series labels, {@code __name__} included, as in
   * Prometheus), then {@code alertname} and {@code alertgroup}.
   */
  Labels labelsFor(Sample s, Instant ts) {
    Labels series = s.labels().without(Labels.METRIC_NAME);
    Labels.Builder b = series.toBuilder();
    b.setAll(settings.externalLabels());
    b.setAll(group.labels());
    if (!spec.labels().isEmpty()) {
      TemplateData data = templateData(s.labels(), s.value(), ts, null);
      spec.labels().forEach((k, v) -> b.set(k, renderer.render(v, data)));
    }
    b.set(ALERT_NAME, spec.name());
    b.set(ALERT_GROUP, group.name());
    return b.build();
  }

  /**
   * Annotations see as {@code $labels} the alert's labels plus the series' {@code __name__}:
   * vmalert shows series and rule labels, Prometheus the series labels only; ours is vmalert's view
   * plus the external and group labels and {@code alertname}.
   */
  private Map<String, String> annotations(
      Labels alertLabels, Labels seriesLabels, double value, Instant ts, Instant activeAt) {
    if (spec.annotations().isEmpty()) {
      return Map.of();
    }
    String name = seriesLabels.get(Labels.METRIC_NAME);
    Labels visible = name == null ? alertLabels : alertLabels.with(Labels.METRIC_NAME, name);
    TemplateData data = templateData(visible, value, ts, activeAt);
    Map<String, String> out = new TreeMap<>();
    spec.annotations().forEach((k, v) -> out.put(k, renderer.render(v, data)));
    return out;
  }

  private TemplateData templateData(Labels labels, double value, Instant ts, Instant activeAt) {
    return new TemplateData(
        labels,
        value,
        settings.externalLabels(),
        settings.externalURL(),
        spec.expr(),
        ts,
        activeAt,
        spec.forDuration(),
        settings.intervalOf(group),
        group.name(),
        spec.name());
  }
}
