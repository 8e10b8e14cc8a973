package io.vmrules.rules.eval;

import io.vmrules.rules.model.RuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the API shows of one rule after its latest evaluation; immutable.
 *
 * @param alerts the alerts of an alerting rule (empty for a recording rule)
 * @param lastEvaluation the slot of the latest evaluation, or null before the first
 * @param lastError the latest evaluation's error, or null
 * @param lastSeries how many series the latest query returned (alerting rule) or the latest
 *     evaluation wrote (recording rule)
 * @param history the latest evaluations, up to {@link EvaluationHistory#CAPACITY}
 */
public record RuleSnapshot(
    RuleSpec spec,
    AlertRuleState alerts,
    Instant lastEvaluation,
    Duration evaluationDuration,
    String lastError,
    int lastSeries,
    EvaluationHistory history) {
  public RuleSnapshot {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(alerts, "alerts");
    evaluationDuration = evaluationDuration == null ? Duration.ZERO : evaluationDuration;
    history = history == null ? EvaluationHistory.empty() : history;
  }

  /** A snapshot without history (before the first evaluation, restored or reloaded state). */
  public RuleSnapshot(
      RuleSpec spec,
      AlertRuleState alerts,
      Instant lastEvaluation,
      Duration evaluationDuration,
      String lastError,
      int lastSeries) {
    this(spec, alerts, lastEvaluation, evaluationDuration, lastError, lastSeries, null);
  }

  static RuleSnapshot initial(RuleSpec spec) {
    return new RuleSnapshot(spec, AlertRuleState.empty(), null, Duration.ZERO, null, 0);
  }

  public boolean healthy() {
    return lastError == null;
  }
}
