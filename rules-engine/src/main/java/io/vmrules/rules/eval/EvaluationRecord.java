package io.vmrules.rules.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One evaluation of one rule, as the rule page's history shows it.
 *
 * @param slot the evaluation time (the slot)
 * @param queryTime the time the query ran at ({@code slot - query_offset})
 * @param duration how long the query and the state update took
 * @param samples how many series the query returned (alerting rule) or the evaluation wrote
 *     (recording rule); 0 on error
 * @param pending the rule's pending alerts after the evaluation
 * @param firing the rule's firing alerts after the evaluation
 * @param error the evaluation's error, or null
 */
public record EvaluationRecord(
    Instant slot,
    Instant queryTime,
    Duration duration,
    int samples,
    int pending,
    int firing,
    String error) {
  public EvaluationRecord {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(queryTime, "queryTime");
    duration = duration == null ? Duration.ZERO : duration;
  }

  public boolean failed() {
    return error != null;
  }
}
