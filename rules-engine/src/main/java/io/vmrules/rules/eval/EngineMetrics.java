package io.vmrules.rules.eval;

import java.time.Duration;
import java.util.Map;

/** Port: the engine's self-telemetry. Every method has a no-op default. */
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

  /** A notifier was set up: its counters start at 0. */
  default void notifierAdded(String notifier) {}

  /** A group is no longer evaluated: forget its gauges. */
  default void groupRemoved(String group) {}

  default void remoteWriteSamplesSent(long count) {}

  default void remoteWriteSamplesDropped(long count) {}

  default void remoteWriteQueueSize(int size) {}

  /** A remote-write request failed (it may be retried). */
  default void remoteWriteRequestFailed() {}

  /** {@code count} alerts were sent to one notifier. */
  default void notificationsSent(String notifier, long count) {}

  /** A request to one notifier failed. */
  default void notificationFailed(String notifier) {}

  /** {@code count} alerts for one notifier were given up (queue full, or rejected). */
  default void notificationsDropped(String notifier, long count) {}

  /** Alerts waiting to be sent to one notifier. */
  default void notificationQueueSize(String notifier, int size) {}

  /** A configuration (re)load finished; {@code success} false when it kept the running rules. */
  default void configReloaded(boolean success, java.time.Instant at) {}
}
