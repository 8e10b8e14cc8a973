package io.vmrules.rules.schedule;

import io.vmrules.rules.eval.AlertRuleState;
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
        public boolean store(GroupEvaluator group, Instant slot) {
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
   */
  record Shared(Instant lastSlot, List<AlertRuleState> alerts, boolean newerRules) {
    public Shared {
      alerts = List.copyOf(alerts);
    }
  }

  /**
   * The cluster's state of {@code group}, or empty when there is none yet.
   *
   * @throws RuntimeException when the store cannot be read: the slot is not evaluated
   */
  Optional<Shared> load(GroupEvaluator group);

  /**
   * Publishes the state {@code group} has after evaluating {@code slot}.
   *
   * @return false when another engine published since this one loaded (this result is dropped)
   */
  boolean store(GroupEvaluator group, Instant slot);
}
