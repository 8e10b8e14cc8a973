package io.vmrules.rules.api;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the engine is ready: set once after the first evaluation round (or after restoring the
 * alert state); {@code /-/ready} answers 503 until then.
 */
public final class Readiness {
  private final AtomicBoolean ready = new AtomicBoolean();

  public void markReady() {
    ready.set(true);
  }

  public boolean isReady() {
    return ready.get();
  }
}
