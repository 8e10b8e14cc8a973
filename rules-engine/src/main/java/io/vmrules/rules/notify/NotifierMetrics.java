package io.vmrules.rules.notify;

import io.vmrules.rules.eval.EngineMetrics;

/**
 * The notifier's self-telemetry, per Alertmanager URL (with credentials removed). Every method has
 * a no-op default.
 */
public interface NotifierMetrics {
  NotifierMetrics NOOP = new NotifierMetrics() {};

  /** {@code count} alerts were accepted by the receiver. */
  default void sent(String url, int count) {}

  /** One request failed (connection error or an error status). */
  default void requestFailed(String url) {}

  /** {@code count} alerts were given up: the queue was full, or the receiver rejected them. */
  default void dropped(String url, int count) {}

  default void queueSize(String url, int size) {}

  /** Reports everything to the engine's metrics, labelled by the notifier's URL. */
  static NotifierMetrics of(EngineMetrics engine) {
    return new NotifierMetrics() {
      @Override
      public void sent(String url, int count) {
        engine.notificationsSent(url, count);
      }

      @Override
      public void requestFailed(String url) {
        engine.notificationFailed(url);
      }

      @Override
      public void dropped(String url, int count) {
        engine.notificationsDropped(url, count);
      }

      @Override
      public void queueSize(String url, int size) {
        engine.notificationQueueSize(url, size);
      }
    };
  }
}
