package io.vmrules.rules.api;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the engine is ready: set once after the first evaluation round (or after restoring the
 * alert state); {@code /-/ready} answers 503 until then.
 */
public final class Readiness {
  private final AtomicBoolean ready = new AtomicBoolean();
  private volatile java.util.function.BooleanSupplier also = () -> true;

  public void markReady() {
    ready.set(true);
  }

  /** A condition that must hold too, asked at every check (cluster mode: the store answers). */
  public void requireAlso(java.util.function.BooleanSupplier condition) {
    this.also = java.util.Objects.requireNonNull(condition);
  }

  public boolean isReady() {
    return ready.get() && also.getAsBoolean();
  }
}
