package io.vmrules.rules.eval;

import java.time.Duration;
import java.util.Map;

/**
 * Port: the evaluator's self-telemetry (groups, rules, alerts, reloads). The notifier and the
 * remote writer have narrow ports of their own. Every method has a no-op default.
 */
public interface EngineMetrics {
  /** Metrics that go nowhere. */
  EngineMetrics NOOP = new EngineMetrics() {};

  /** A group evaluation finished, taking {@code duration}. */
  default void iterationCompleted(String group, Duration duration) {}

  /** {@code count} scheduled slots of the group passed without an evaluation. */
  default void iterationsMissed(String group, long count) {}

  /** A group evaluation ran {@code count} rules. */
  default void rulesEvaluated(String group, int count) {}

  /** One rule's evaluation failed. */
  default void ruleEvaluationFailed(String group, String rule) {}

  /** The number of alerts per state in one group after its latest evaluation. */
  default void alertsInGroup(String group, Map<AlertState, Integer> countByState) {}

  /**
   * A group is scheduled with these rules: its per-group and per-rule counters start at 0, so they
   * exist (for alerts on them) before anything happens.
   */
  default void groupScheduled(String group, java.util.List<String> rules) {}

  /** A group is no longer evaluated: forget its gauges. */
  default void groupRemoved(String group) {}

  /** A configuration (re)load finished; {@code success} false when it kept the running rules. */
  default void configReloaded(boolean success, java.time.Instant at) {}

  /**
   * Cluster mode: whether this engine leaves {@code group} to the others because they run it with
   * newer rule files (drift).
   */
  default void groupOutdated(String group, boolean outdated) {}

  /**
   * Cluster mode: reading ({@code op} "load") or writing ("store") a group's shared state took
   * {@code took}.
   */
  default void sharedStateTimed(String op, Duration took) {}
}
