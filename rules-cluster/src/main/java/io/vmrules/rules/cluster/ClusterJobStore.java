package io.vmrules.rules.cluster;

import io.vmrules.rules.schedule.DeclinedSlots;
import java.util.Date;
import org.quartz.JobDetail;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's JDBC job store with two changes.
 *
 * <p>A shorter grace before a silent engine counts as failed: Quartz adds a fixed 7.5 s to the
 * check-in interval (for clock skew and slow databases), which made failover take about 10 s at a 2
 * s check-in. Here the grace is one Quartz check-in ({@link CheckinTiming}), so that an engine's
 * groups move within one {@code --cluster.checkinInterval} of its death plus one group interval.
 *
 * <p>When a group's evaluation ends, the scheduler thread learns when its trigger fires next rather
 * than "something changed, look again": for a job that disallows concurrent execution Quartz
 * signals the latter (its trigger goes from BLOCKED back to WAITING), and the scheduler thread then
 * released the trigger it held for another group and acquired it again (two more transactions, one
 * of them under the TRIGGER_ACCESS row lock) although that trigger still fired first. With the
 * time, it does so only when the finished group fires before the trigger it holds (as when it holds
 * none, or the group ran past its next slot), which is the test Quartz applies to every other
 * change it signals with a time.
 *
 * <p>After a slot this engine declined ({@link DeclinedSlots}: a group its files lack or run with
 * older files) it signals nothing: the trigger goes back to waiting for whichever engine polls
 * first, instead of to this engine's idle scheduler thread again and again, which could keep the
 * group from the engines that run it.
 */
public class ClusterJobStore extends JobStoreTX {
  /** The next fire time of the trigger whose completion this thread is storing, if any. */
  private static final ThreadLocal<Long> COMPLETING_NEXT_FIRE = new ThreadLocal<>();

  /** Set while completing a declined slot: no signal to this engine's scheduler thread. */
  private static final ThreadLocal<Boolean> QUIET = new ThreadLocal<>();

  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    return CheckinTiming.failedIfAfter(
        rec.getCheckinTimestamp(),
        rec.getCheckinInterval(),
        System.currentTimeMillis() - lastCheckin);
  }

  @Override
  public void triggeredJobComplete(
      OperableTrigger trigger, JobDetail jobDetail, CompletedExecutionInstruction instruction) {
    if (DeclinedSlots.take()) {
      QUIET.set(Boolean.TRUE);
      try {
        super.triggeredJobComplete(trigger, jobDetail, instruction);
      } finally {
        QUIET.remove();
      }
      return;
    }
    Date next = trigger.getNextFireTime();
    if (instruction != CompletedExecutionInstruction.NOOP || next == null) {
      super.triggeredJobComplete(trigger, jobDetail, instruction);
      return;
    }
    COMPLETING_NEXT_FIRE.set(next.getTime());
    try {
      super.triggeredJobComplete(trigger, jobDetail, instruction);
    } finally {
      COMPLETING_NEXT_FIRE.remove();
    }
  }

  @Override
  protected void signalSchedulingChangeImmediately(long candidateNewNextFireTime) {
    if (QUIET.get() != null) {
      return;
    }
    Long next = COMPLETING_NEXT_FIRE.get();
    super.signalSchedulingChangeImmediately(
        candidateNewNextFireTime == 0 && next != null ? next : candidateNewNextFireTime);
  }
}
