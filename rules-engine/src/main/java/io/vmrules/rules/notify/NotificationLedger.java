package io.vmrules.rules.notify;

import java.util.List;
import java.util.Optional;

/**
 * Port: a group's notification bookkeeping, exported after an evaluation and restored before the
 * next one when another engine of a cluster evaluated the group in between, so the resend delay and
 * "resolved once" hold across engines.
 */
public interface NotificationLedger {
  /** What was last sent for each alert of the group with key {@code groupKey}. */
  List<SentAlert> sent(String groupKey);

  /**
   * As {@link #sent}, only when the bookkeeping changed since the last call (or {@link #restore}):
   * most evaluations send nothing, and building the list at each one cost more than storing it.
   */
  Optional<List<SentAlert>> changed(String groupKey);

  /** Replaces the group's bookkeeping with {@code sent}. */
  void restore(String groupKey, List<SentAlert> sent);
}
