package io.vmrules.rules.remotewrite;

/** The remote writer's self-telemetry. Every method has a no-op default. */
public interface RemoteWriteMetrics {
  RemoteWriteMetrics NOOP = new RemoteWriteMetrics() {};

  /** {@code count} samples were accepted by the receiver. */
  default void samplesSent(long count) {}

  /**
   * {@code count} samples were given up: the queue was full, the receiver refused them, or retries
   * ran out.
   */
  default void samplesDropped(long count) {}

  default void queueSize(int size) {}

  /** One request failed (it may be retried). */
  default void requestFailed() {}
}
