package io.vmrules.rules.schedule;

import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.eval.GroupEvaluator;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs groups on Quartz: one job per group ({@link GroupJob}, never two runs of a group at once), a
 * RAM job store, a simple trigger at the group's interval starting at its first slot. A trigger
 * that could not fire within the misfire threshold moves to the next slot (no catch-up burst);
 * {@link ScheduledGroup} counts the slots lost either way.
 */
public final class QuartzGroupScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzGroupScheduler.class);
  private static final String GROUP_KEY = "group";
  private static final String GROUPS_KEY = "vmrules.groups";
  private static final String CLOCK_KEY = "vmrules.clock";
  private static final String REMOVED_KEY = "vmrules.removed";

  /** Cluster mode: decides about slots of groups this engine's rule files do not have. */
  @FunctionalInterface
  public interface RemovedGroups {
    /**
     * @return true when the group was removed from the rule files (this engine resolved it): its
     *     job is then deleted cluster-wide
     */
    boolean removed(String groupKey, Instant slot);
  }

  private final Scheduler scheduler;
  private final InstantSource clock;
  private final EngineMetrics metrics;
  private final Map<String, ScheduledGroup> groups = new ConcurrentHashMap<>();
  private final SharedGroupState shared;
  private volatile long lastRefresh = System.nanoTime() - Long.MAX_VALUE / 2;

  /**
   * @param threads how many groups may evaluate at the same time
   * @param misfireThresholdMillis how late a slot may start before it is skipped
   */
  public QuartzGroupScheduler(
      int threads, long misfireThresholdMillis, InstantSource clock, EngineMetrics metrics) {
    this(threads, misfireThresholdMillis, clock, metrics, Map.of(), SharedGroupState.NONE);
  }

  /**
   * A scheduler whose job store is configured by {@code jobStore} (Quartz properties: cluster mode
   * gives its clustered JDBC store; empty: a RAM store) and whose groups share {@code shared}. Jobs
   * carry only the group's key, so they can live in a database; the groups themselves are in this
   * engine's scheduler context, and a slot of a group this engine does not have is skipped.
   */
  public QuartzGroupScheduler(
      int threads,
      long misfireThresholdMillis,
      InstantSource clock,
      EngineMetrics metrics,
      Map<String, String> jobStore,
      SharedGroupState shared) {
    this.clock = clock;
    this.metrics = metrics;
    this.shared = shared;
    Properties p = new Properties();
    // A unique name: Quartz keeps schedulers in a process-wide repository by name.
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "rules-" + UUID.randomUUID());
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", OnDemandThreadPool.class.getName());
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "eval");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold", Long.toString(Math.max(1, misfireThresholdMillis)));
    p.putAll(jobStore);
    try {
      this.scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.getContext().put(GROUPS_KEY, groups);
      scheduler.getContext().put(CLOCK_KEY, clock);
      scheduler.getContext().put(REMOVED_KEY, (RemovedGroups) (key, slot) -> false);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
    }
  }

  /**
   * Cluster mode: each group takes the cluster's state if that was last done more than {@code
   * maxAge} ago, so this engine's API and UI show the alerts of groups other engines evaluate.
   * Asked by the API rather than on a timer: an engine nobody looks at reads nothing. A store that
   * does not answer leaves the last state.
   */
  public void refreshSharedState(java.time.Duration maxAge) {
    long now = System.nanoTime();
    if (now - lastRefresh < maxAge.toNanos()) {
      return;
    }
    lastRefresh = now;
    for (ScheduledGroup g : groups.values()) {
      try {
        g.refresh();
      } catch (RuntimeException e) {
        LOG.debug("cluster state refresh failed: {}", e.getMessage());
        return;
      }
    }
  }

  /** Set before {@link #start}: who resolves groups removed from the cluster's rule files. */
  public void onForeignGroup(RemovedGroups removed) {
    try {
      scheduler.getContext().put(REMOVED_KEY, removed);
    } catch (SchedulerException e) {
      throw new IllegalStateException("scheduler context unavailable: " + e.getMessage(), e);
    }
  }

  public void start() {
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  /** Schedules a group; a group with the same key is replaced. */
  public ScheduledGroup schedule(GroupEvaluator evaluator) {
    String key = evaluator.spec().key();
    Slots slots = Slots.of(key, evaluator.interval(), evaluator.spec().evalOffset());
    ScheduledGroup group = new ScheduledGroup(evaluator, slots, metrics, shared);
    groups.put(key, group);
    JobDataMap data = new JobDataMap();
    data.put(GROUP_KEY, key);
    JobKey jobKey = jobKey(key);
    JobDetail job =
        JobBuilder.newJob(GroupJob.class).withIdentity(jobKey).usingJobData(data).build();
    Instant first = slots.atOrAfter(clock.instant());
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(jobKey.getName(), jobKey.getGroup())
            .startAt(Date.from(first))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(slots.interval().toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    try {
      // replaces the job and trigger another engine of a cluster scheduled for the same group:
      // the same slots, since they follow from the group's key and interval
      scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
    } catch (SchedulerException e) {
      groups.remove(key);
      throw new IllegalStateException(
          "cannot schedule group " + evaluator.spec().name() + ": " + e.getMessage(), e);
    }
    metrics.groupScheduled(
        evaluator.spec().name(), evaluator.spec().rules().stream().map(r -> r.name()).toList());
    return group;
  }

  /** Stops evaluating a group; a running evaluation finishes. */
  public void unschedule(String key) {
    try {
      scheduler.deleteJob(jobKey(key));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot unschedule group: " + e.getMessage(), e);
    }
    ScheduledGroup g = groups.remove(key);
    if (g != null) {
      metrics.groupRemoved(g.evaluator().spec().name());
    }
  }

  /** The scheduled groups by key. */
  public Map<String, ScheduledGroup> groups() {
    return Map.copyOf(groups);
  }

  /** Stops scheduling and waits for the running evaluations to finish. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("scheduler shutdown failed: {}", e.getMessage());
    }
  }

  private static JobKey jobKey(String groupKey) {
    return JobKey.jobKey(groupKey.replace('\u0000', '/'), "rules");
  }

  /** Evaluates one group at the slot Quartz scheduled (not at the time it happens to start). */
  @DisallowConcurrentExecution
  public static final class GroupJob implements Job {
    @Override
    @SuppressWarnings("unchecked")
    public void execute(JobExecutionContext context) {
      DeclinedSlots.take(); // a mark the RAM store of an embedded engine never read
      String key = context.getMergedJobDataMap().getString(GROUP_KEY);
      Map<String, ScheduledGroup> groups;
      InstantSource clock;
      RemovedGroups removed;
      try {
        groups = (Map<String, ScheduledGroup>) context.getScheduler().getContext().get(GROUPS_KEY);
        clock = (InstantSource) context.getScheduler().getContext().get(CLOCK_KEY);
        removed = (RemovedGroups) context.getScheduler().getContext().get(REMOVED_KEY);
      } catch (SchedulerException e) {
        LOG.error("scheduler context unavailable: {}", e.getMessage());
        return;
      }
      ScheduledGroup group = groups.get(key);
      Instant slot = context.getScheduledFireTime().toInstant();
      if (group == null) {
        String name = key.replace('\u0000', '/');
        try {
          if (removed.removed(key, slot)) {
            context.getScheduler().deleteJob(context.getJobDetail().getKey());
            LOG.info(
                "group {} was removed from the rule files: its alerts resolved, its series marked"
                    + " stale",
                name);
            return;
          }
        } catch (SchedulerException | RuntimeException e) {
          LOG.warn("group {}: removal failed: {}", name, e.getMessage());
          return;
        }
        // a group of another engine's rule files (a cluster whose files differ)
        DeclinedSlots.declined();
        String groupName = key.substring(key.indexOf('\u0000') + 1);
        String elsewhere =
            groups.keySet().stream()
                .filter(k -> k.endsWith('\u0000' + groupName))
                .map(k -> k.substring(0, k.indexOf('\u0000')))
                .findFirst()
                .orElse(null);
        if (elsewhere == null) {
          LOG.warn("slot {} of group {} skipped: not in this engine's rule files", slot, name);
        } else {
          LOG.warn(
              "slot {} of group {} skipped: this engine reads that group from {}; the engines of a"
                  + " cluster must read their rule files from the same paths",
              slot,
              name,
              elsewhere);
        }
        return;
      }
      try {
        if (!group.run(slot, clock.instant()) && group.outdated()) {
          DeclinedSlots.declined(); // left to the engines whose files are newer
        }
      } catch (RuntimeException e) {
        LOG.error(
            "group {} failed at {}: {}", group.evaluator().spec().name(), slot, e.getMessage());
      }
    }
  }
}
