package io.vmrules.rules.schedule;

/**
 * Slots this engine declined (a group its rule files lack, or run with files older than the
 * cluster's), told by the group's job to the job store, which completes the job on the same Quartz
 * thread. A clustered store then does not hurry this engine's scheduler back to the same group's
 * next slot: an engine that declines would otherwise take the group slot after slot, and an engine
 * whose files are current might never get it.
 */
public final class DeclinedSlots {
  private static final ThreadLocal<Boolean> DECLINED = new ThreadLocal<>();

  private DeclinedSlots() {}

  static void declined() {
    DECLINED.set(Boolean.TRUE);
  }

  /** Whether the job that just ran on this thread declined its slot; clears the mark. */
  public static boolean take() {
    boolean declined = DECLINED.get() != null;
    DECLINED.remove();
    return declined;
  }
}
