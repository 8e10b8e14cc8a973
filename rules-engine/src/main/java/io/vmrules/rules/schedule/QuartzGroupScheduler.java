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
  private static final String CLOCK_KEY = "clock";

  private final Scheduler scheduler;
  private final InstantSource clock;
  private final EngineMetrics metrics;
  private final Map<String, ScheduledGroup> groups = new ConcurrentHashMap<>();

  /**
   * @param threads how many groups may evaluate at the same time
   * @param misfireThresholdMillis how late a slot may start before it is skipped
   */
  public QuartzGroupScheduler(
      int threads, long misfireThresholdMillis, InstantSource clock, EngineMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
    Properties p = new Properties();
    // A unique name: Quartz keeps schedulers in a process-wide repository by name.
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "rules-" + UUID.randomUUID());
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "eval");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold", Long.toString(Math.max(1, misfireThresholdMillis)));
    try {
      this.scheduler = new StdSchedulerFactory(p).getScheduler();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
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
    ScheduledGroup group = new ScheduledGroup(evaluator, slots, metrics);
    JobDataMap data = new JobDataMap();
    data.put(GROUP_KEY, group);
    data.put(CLOCK_KEY, clock);
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
      scheduler.deleteJob(jobKey);
      scheduler.scheduleJob(job, trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot schedule group " + evaluator.spec().name() + ": " + e.getMessage(), e);
    }
    groups.put(key, group);
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
    public void execute(JobExecutionContext context) {
      JobDataMap data = context.getMergedJobDataMap();
      ScheduledGroup group = (ScheduledGroup) data.get(GROUP_KEY);
      InstantSource clock = (InstantSource) data.get(CLOCK_KEY);
      Instant slot = context.getScheduledFireTime().toInstant();
      try {
        group.run(slot, clock.instant());
      } catch (RuntimeException e) {
        LOG.error("group {} failed at {}", group.evaluator().spec().name(), slot, e);
      }
    }
  }
}
