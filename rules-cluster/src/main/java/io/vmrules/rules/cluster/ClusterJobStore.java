package io.vmrules.rules.cluster;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC job store with a shorter grace before a silent engine counts as failed: Quartz adds
 * a fixed 7.5 s to the check-in interval (for clock skew and slow databases), which made failover
 * take about 10 s at a 2 s check-in. Here the grace is one Quartz check-in ({@link CheckinTiming}),
 * so that an engine's groups move within one {@code --cluster.checkinInterval} of its death plus
 * one group interval.
 */
public class ClusterJobStore extends JobStoreTX {
  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    return CheckinTiming.failedIfAfter(
        rec.getCheckinTimestamp(),
        rec.getCheckinInterval(),
        System.currentTimeMillis() - lastCheckin);
  }
}
