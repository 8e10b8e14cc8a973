package io.vmrules.rules.notify;

import java.util.List;

/**
 * Port: a group's notification bookkeeping, exported after an evaluation and restored before the
 * next one when another engine of a cluster evaluated the group in between, so the resend delay and
 * "resolved once" hold across engines.
 */
public interface NotificationLedger {
  /** What was last sent for each alert of the group with key {@code groupKey}. */
  List<SentAlert> sent(String groupKey);

  /** Replaces the group's bookkeeping with {@code sent}. */
  void restore(String groupKey, List<SentAlert> sent);
}
