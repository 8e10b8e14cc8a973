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
 */
public record RuleSnapshot(
    RuleSpec spec,
    AlertRuleState alerts,
    Instant lastEvaluation,
    Duration evaluationDuration,
    String lastError,
    int lastSeries) {
  public RuleSnapshot {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(alerts, "alerts");
    evaluationDuration = evaluationDuration == null ? Duration.ZERO : evaluationDuration;
  }

  static RuleSnapshot initial(RuleSpec spec) {
    return new RuleSnapshot(spec, AlertRuleState.empty(), null, Duration.ZERO, null, 0);
  }

  public boolean healthy() {
    return lastError == null;
  }
}
