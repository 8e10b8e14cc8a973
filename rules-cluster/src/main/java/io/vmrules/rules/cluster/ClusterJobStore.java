package io.vmrules.rules.cluster;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC job store with a shorter grace before a silent engine counts as failed: Quartz adds
 * a fixed 7.5 s to the check-in interval (for clock skew and slow databases), which made failover
 * take about 10 s at a 2 s check-in. Here the grace is Quartz's check-in interval itself (capped at
 * Quartz's 7.5 s), which {@link ClusterMode} sets to half of {@code --cluster.checkinInterval}: an
 * engine is failed once it was silent for about one {@code --cluster.checkinInterval}. The clocks
 * of the engines may differ by less than half of it.
 */
public class ClusterJobStore extends JobStoreTX {
  private static final long QUARTZ_GRACE_MILLIS = 7_500L;

  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    long interval = rec.getCheckinInterval();
    return rec.getCheckinTimestamp()
        + Math.max(interval, System.currentTimeMillis() - lastCheckin)
        + Math.min(interval, QUARTZ_GRACE_MILLIS);
  }
}
