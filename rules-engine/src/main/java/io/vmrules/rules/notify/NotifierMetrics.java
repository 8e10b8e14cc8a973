package io.vmrules.rules.notify;

/**
 * The notifier's self-telemetry, per Alertmanager URL (with credentials removed). Every method has
 * a no-op default.
 */
public interface NotifierMetrics {
  NotifierMetrics NOOP = new NotifierMetrics() {};

  /** A notifier for {@code url} was set up: its counters start at 0. */
  default void added(String url) {}

  /** {@code count} alerts were accepted by the receiver. */
  default void sent(String url, int count) {}

  /** One request failed (connection error or an error status). */
  default void requestFailed(String url) {}

  /** {@code count} alerts were given up: the queue was full, or the receiver rejected them. */
  default void dropped(String url, int count) {}

  default void queueSize(String url, int size) {}
}
