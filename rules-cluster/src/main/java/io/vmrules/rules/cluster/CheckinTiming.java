package io.vmrules.rules.cluster;

import java.time.Duration;

/**
 * When a silent engine counts as failed, so that its groups move within one {@code
 * --cluster.checkinInterval} (C) of its death plus one group interval.
 *
 * <p>Quartz checks in every C/3 (I) and, at each check-in, fails an engine whose last check-in is
 * older than {@code max(I, time since its own previous check-in) + grace}; Quartz's grace is a
 * fixed 7.5 s, ours is I. The worst case is an engine dying right after its check-in at T: it is
 * failed by any check-in of the others after T + 2I, and they check in every I, so one of them
 * fails it by T + 3I = T + C and recovers its triggers in that same check-in; each recovered
 * trigger then fires at its group's next slot. A live engine is failed by mistake only when its
 * check-in is late by more than I, or the clocks of two engines differ by more than I (C/3).
 *
 * @param quartzCheckinMillis Quartz's {@code clusterCheckinInterval}: C/3, at least 100 ms
 */
record CheckinTiming(long quartzCheckinMillis) {
  /** Quartz's own grace, the most we give: longer silences count as failures whatever C is. */
  static final long QUARTZ_GRACE_MILLIS = 7_500L;

  CheckinTiming {
    if (quartzCheckinMillis <= 0) {
      throw new IllegalArgumentException("check-in interval must be positive");
    }
  }

  /** The timing for {@code --cluster.checkinInterval}. */
  static CheckinTiming of(Duration checkinInterval) {
    return new CheckinTiming(Math.max(100, checkinInterval.toMillis() / 3));
  }

  /**
   * The time after which an engine counts as failed.
   *
   * @param lastCheckin when it last checked in (its clock)
   * @param itsCheckinMillis its Quartz check-in interval (engines may run with different ones)
   * @param sinceOwnCheckinMillis how long ago this engine checked in itself: after a pause of its
   *     own (a long GC, a lost database) every other engine looks silent, so that long counts too
   */
  static long failedIfAfter(long lastCheckin, long itsCheckinMillis, long sinceOwnCheckinMillis) {
    return lastCheckin
        + Math.max(itsCheckinMillis, sinceOwnCheckinMillis)
        + Math.min(itsCheckinMillis, QUARTZ_GRACE_MILLIS);
  }
}
