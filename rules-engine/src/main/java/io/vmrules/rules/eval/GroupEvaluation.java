package io.vmrules.rules.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one group evaluation at one slot: every rule's snapshot, in file order, and the
 * series written (recording results, {@code ALERTS}, {@code ALERTS_FOR_STATE}).
 */
public record GroupEvaluation(
    Instant slot, Duration duration, List<RuleSnapshot> rules, List<Sample> series) {
  public GroupEvaluation {
    rules = List.copyOf(rules);
    series = List.copyOf(series);
  }

  public long failedRules() {
    return rules.stream().filter(r -> !r.healthy()).count();
  }
}
