package io.vmrules.rules.eval;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import java.time.Instant;
import java.util.List;

/**
 * A rule ready to evaluate. The set is closed: a group holds alerting and recording rules, and
 * every evaluation goes through {@link #step}, so adding a kind is a compile error everywhere it
 * must be handled.
 */
public sealed interface Rule permits AlertingRule, RecordingRule {
  RuleSpec spec();

  /**
   * One evaluation at {@code slot} of the query result {@code result} (stamped {@code
   * timestampMillis}), from the rule's {@code previous} alert state (empty for recording rules).
   */
  Step step(AlertRuleState previous, List<Sample> result, Instant slot, long timestampMillis);

  /**
   * The outcome of one evaluation: the alert state after it (unchanged when the rule failed; empty
   * for recording rules), the series to write, the error or null, and how many samples the rule's
   * result counted (query samples for alerts, written series for recordings).
   */
  record Step(AlertRuleState state, List<Sample> series, String error, int samples) {
    public Step {
      series = List.copyOf(series);
    }
  }

  /** The runtime rule for {@code spec} in {@code group}. */
  static Rule of(
      RuleSpec spec, GroupSpec group, EvaluationSettings settings, AnnotationRenderer renderer) {
    if (spec instanceof AlertingRuleSpec a) {
      return new AlertingRule(a, group, settings, renderer);
    }
    return new RecordingRule((RecordingRuleSpec) spec, group, settings);
  }
}
