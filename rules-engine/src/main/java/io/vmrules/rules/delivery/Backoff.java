package io.vmrules.rules.delivery;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff between retries: {@code min}, doubling, at most {@code max}. */
public record Backoff(Duration min, Duration max) {
  public Backoff {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= min <= max: " + min + ", " + max);
    }
  }

  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    Duration d = min;
    for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
