package io.vmrules.rules.schedule;

import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import java.time.Duration;
import java.time.Instant;

/**
 * One group on the schedule: decides, for each slot the scheduler hands over, whether to evaluate
 * and how many slots were missed. Never runs two evaluations at once (the caller guarantees it).
 *
 * <p>A slot is skipped (never evaluated late in a burst) when the next slot has already come by the
 * time it would start; skipped slots, and slots the scheduler itself dropped as misfires, count as
 * missed iterations when the next evaluation runs, as Prometheus counts them.
 */
public final class ScheduledGroup {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ScheduledGroup.class);

  private final GroupEvaluator evaluator;
  private final Slots slots;
  private final EngineMetrics metrics;
  private final SharedGroupState shared;
  private Instant lastSlot;
  private boolean outdated;
  private long missed;

  public ScheduledGroup(GroupEvaluator evaluator, Slots slots, EngineMetrics metrics) {
    this(evaluator, slots, metrics, SharedGroupState.NONE);
  }

  /** A group whose state lives in {@code shared} (cluster mode) as well as here. */
  public ScheduledGroup(
      GroupEvaluator evaluator, Slots slots, EngineMetrics metrics, SharedGroupState shared) {
    this.evaluator = evaluator;
    this.slots = slots;
    this.metrics = metrics;
    this.shared = shared;
  }

  public GroupEvaluator evaluator() {
    return evaluator;
  }

  public Slots slots() {
    return slots;
  }

  /**
   * Takes the cluster's state of the group (cluster mode): what another engine evaluated last, so
   * this engine's API shows it too; nothing without a shared state.
   *
   * @return false when the cluster runs the group with newer rule files than this engine's
   */
  public synchronized boolean refresh() {
    long started = System.nanoTime();
    SharedGroupState.Shared cluster = shared.load(evaluator).orElse(null);
    if (shared != SharedGroupState.NONE) {
      metrics.sharedStateTimed("load", Duration.ofNanos(System.nanoTime() - started));
    }
    if (cluster != null && cluster.newerRules()) {
      if (!outdated) {
        outdated = true;
        metrics.groupOutdated(evaluator.spec().name(), true);
        LOG.warn(
            "group {}: other engines run it with rule files loaded after this engine's; this"
                + " engine leaves it to them until its files match (reload them)",
            evaluator.spec().name());
      }
      return false;
    }
    if (outdated) {
      outdated = false;
      metrics.groupOutdated(evaluator.spec().name(), false);
    }
    if (cluster != null) {
      if (cluster.lastSlot() != null
          && (lastSlot == null || cluster.lastSlot().isAfter(lastSlot))) {
        lastSlot = cluster.lastSlot();
      }
      evaluator.restore(cluster.alerts(), cluster.evaluator());
    }
    return true;
  }

  /** Whether the cluster runs this group with rule files loaded after this engine's. */
  public synchronized boolean outdated() {
    return outdated;
  }

  /** Missed iterations so far. */
  public synchronized long missed() {
    return missed;
  }

  /**
   * Handles the slot {@code slot}, the time being {@code now}.
   *
   * @return whether the group was evaluated
   */
  public synchronized boolean run(Instant slot, Instant now) {
    // another engine may have evaluated the group since this one did: continue from its state
    if (!refresh()) {
      return false;
    }
    if (lastSlot != null && !slot.isAfter(lastSlot)) {
      return false;
    }
    Duration interval = slots.interval();
    if (!now.isBefore(slot.plus(interval))) {
      return false;
    }
    if (lastSlot != null) {
      long gap = Duration.between(lastSlot, slot).toMillis() / interval.toMillis() - 1;
      if (gap > 0) {
        missed += gap;
        metrics.iterationsMissed(evaluator.spec().name(), gap);
      }
    }
    lastSlot = slot;
    GroupEvaluation evaluation = evaluator.evaluate(slot);
    if (shared != SharedGroupState.NONE) {
      long started = System.nanoTime();
      shared.store(evaluator, evaluation);
      metrics.sharedStateTimed("store", Duration.ofNanos(System.nanoTime() - started));
    }
    return true;
  }
}
