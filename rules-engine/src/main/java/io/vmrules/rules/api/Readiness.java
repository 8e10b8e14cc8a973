package io.vmrules.rules.api;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the engine is ready: set once after the first evaluation round (or after restoring the
 * alert state); {@code /-/ready} answers 503 until then. Its body also carries what an operator
 * should know while the engine is ready (cluster mode: rule files that differ from the cluster's).
 */
public final class Readiness {
  /** What {@code /-/ready} answers. */
  public record Answer(int status, String body) {}

  private final AtomicBoolean ready = new AtomicBoolean();
  private volatile BooleanSupplier also = () -> true;
  private volatile Supplier<List<String>> notes = List::of;

  /** Ready from the start (tests, and servers that have nothing to wait for). */
  public static Readiness ready() {
    Readiness r = new Readiness();
    r.markReady();
    return r;
  }

  public void markReady() {
    ready.set(true);
  }

  /** A condition that must hold too, asked at every check (cluster mode: the store answers). */
  public void requireAlso(BooleanSupplier condition) {
    this.also = java.util.Objects.requireNonNull(condition);
  }

  /** Lines added to every answer's body, asked at every check. */
  public void noteAlso(Supplier<List<String>> lines) {
    this.notes = java.util.Objects.requireNonNull(lines);
  }

  public boolean isReady() {
    return ready.get() && also.getAsBoolean();
  }

  /** The status and body of {@code /-/ready}. */
  public Answer answer() {
    boolean ok = isReady();
    StringBuilder body = new StringBuilder(ok ? "OK\n" : "not ready\n");
    for (String line : notes.get()) {
      body.append(line).append('\n');
    }
    return new Answer(ok ? 200 : 503, body.toString());
  }
}
