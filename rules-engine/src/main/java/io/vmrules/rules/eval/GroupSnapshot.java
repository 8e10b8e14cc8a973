package io.vmrules.rules.eval;

import io.vmrules.rules.model.GroupSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the API shows of one group after its latest evaluation; immutable.
 *
 * @param interval the group's {@code interval}, or the engine's default
 * @param lastEvaluation the slot of the latest evaluation, or null before the first
 * @param evaluationDuration how long the latest evaluation took
 * @param rules every rule's latest state, in file order
 * @param lastEvaluator cluster mode: the instance id of the engine that evaluated the group last
 *     (this one, or the one whose state it took); null outside a cluster or before any evaluation
 */
public record GroupSnapshot(
    GroupSpec spec,
    Duration interval,
    Instant lastEvaluation,
    Duration evaluationDuration,
    List<RuleSnapshot> rules,
    String lastEvaluator) {
  public GroupSnapshot {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(interval, "interval");
    evaluationDuration = evaluationDuration == null ? Duration.ZERO : evaluationDuration;
    rules = List.copyOf(rules);
  }

  /** A snapshot outside a cluster: no evaluator named. */
  public GroupSnapshot(
      GroupSpec spec,
      Duration interval,
      Instant lastEvaluation,
      Duration evaluationDuration,
      List<RuleSnapshot> rules) {
    this(spec, interval, lastEvaluation, evaluationDuration, rules, null);
  }
}
