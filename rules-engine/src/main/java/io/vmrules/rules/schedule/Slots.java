package io.vmrules.rules.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a group's evaluation slots fall: every {@code interval}, shifted from the Unix epoch by a
 * phase. The phase is {@code eval_offset} when the group sets it (vmalert: evaluate at exactly that
 * offset within the interval), else a hash of the group's identity modulo the interval (as
 * Prometheus does), so groups spread over the interval and a restart keeps the same slots.
 */
public record Slots(Duration interval, Duration phase) {
  public Slots {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    if (phase.isNegative() || phase.compareTo(interval) >= 0) {
      throw new IllegalArgumentException("phase must be in [0, interval): " + phase);
    }
  }

  /** The slots of the group identified by {@code key}. */
  public static Slots of(String key, Duration interval, Duration evalOffset) {
    if (evalOffset != null) {
      return new Slots(interval, Duration.ofMillis(evalOffset.toMillis() % interval.toMillis()));
    }
    long phase = Long.remainderUnsigned(fnv1a(key), interval.toMillis());
    return new Slots(interval, Duration.ofMillis(phase));
  }

  /** The first slot at or after {@code t}. */
  public Instant atOrAfter(Instant t) {
    long i = interval.toMillis();
    long p = phase.toMillis();
    long k = Math.floorDiv(t.toEpochMilli() - p + i - 1, i);
    return Instant.ofEpochMilli(k * i + p);
  }

  /** Whether {@code t} is one of the slots. */
  public boolean contains(Instant t) {
    return Math.floorMod(t.toEpochMilli() - phase.toMillis(), interval.toMillis()) == 0;
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: stable across runs and JVMs, unlike String.hashCode. */
  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
