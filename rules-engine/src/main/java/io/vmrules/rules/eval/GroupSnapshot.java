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
 */
public record GroupSnapshot(
    GroupSpec spec,
    Duration interval,
    Instant lastEvaluation,
    Duration evaluationDuration,
    List<RuleSnapshot> rules) {
  public GroupSnapshot {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(interval, "interval");
    evaluationDuration = evaluationDuration == null ? Duration.ZERO : evaluationDuration;
    rules = List.copyOf(rules);
  }
}
