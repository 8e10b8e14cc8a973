package io.vmrules.rules.schedule;

import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the state a group's evaluations share with the other engines of a cluster. Before each
 * evaluation the group takes the cluster's last slot and alerts; after it, it publishes its own.
 * The single engine uses {@link #NONE}: its own memory is the state.
 */
public interface SharedGroupState {
  /** Nothing shared: the engine's own state. */
  SharedGroupState NONE =
      new SharedGroupState() {
        @Override
        public Optional<Shared> load(GroupEvaluator group) {
          return Optional.empty();
        }

        @Override
        public boolean store(GroupEvaluator group, GroupEvaluation evaluation) {
          return true;
        }
      };

  /**
   * What the cluster holds for a group.
   *
   * @param lastSlot the last slot any engine evaluated, or null
   * @param alerts each rule's alerts, in the group's rule order (an empty state for recording
   *     rules)
   * @param newerRules the group was last evaluated with other rules, loaded more recently than this
   *     engine's: this engine does not evaluate it until its own files catch up
   * @param evaluator the instance id of the engine that stored this state
   */
  record Shared(
      Instant lastSlot, List<AlertRuleState> alerts, boolean newerRules, String evaluator) {
    public Shared {
      alerts = List.copyOf(alerts);
    }
  }

  /**
   * The cluster's state of {@code group}, or empty when there is none yet or this engine holds it
   * already (it stored or took that state itself).
   *
   * @throws RuntimeException when the store cannot be read: the slot is not evaluated
   */
  Optional<Shared> load(GroupEvaluator group);

  /**
   * Publishes the state {@code group} has after {@code evaluation}.
   *
   * @return false when another engine published since this one loaded (this result is dropped)
   */
  boolean store(GroupEvaluator group, GroupEvaluation evaluation);

  /**
   * A group this engine's rule files do not have (any more): when the cluster last ran it with
   * files loaded before this engine's ({@code filesLoadedAt}), it was removed from them. Its state
   * is then claimed, once cluster-wide, and its notification bookkeeping and last series restored
   * here, so the caller resolves its alerts and marks its series stale exactly once.
   *
   * @return whether this engine claimed the removal; false when another did, when the cluster runs
   *     the group with newer files, or when nothing is stored for it
   */
  default boolean claimRemoved(String groupKey, Instant filesLoadedAt) {
    return false;
  }
}
