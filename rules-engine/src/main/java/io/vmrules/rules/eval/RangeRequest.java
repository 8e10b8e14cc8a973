package io.vmrules.rules.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A range query: {@code expr} evaluated at {@code start}, {@code start + step}, … up to {@code end}
 * (inclusive), with the group's extra URL {@code params} and HTTP {@code headers}.
 */
public record RangeRequest(
    String expr,
    Instant start,
    Instant end,
    Duration step,
    Map<String, List<String>> params,
    Map<String, String> headers) {
  public RangeRequest {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(step, "step");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive: " + step);
    }
    params = Collections.unmodifiableMap(new TreeMap<>(params));
    headers = Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  public static RangeRequest of(String expr, Instant start, Instant end, Duration step) {
    return new RangeRequest(expr, start, end, step, Map.of(), Map.of());
  }

  /** Header values may be credentials (a group's {@code headers}): only their names are shown. */
  @Override
  public String toString() {
    return "RangeRequest[expr="
        + expr
        + ", start="
        + start
        + ", end="
        + end
        + ", step="
        + step
        + ", params="
        + params
        + ", headers="
        + headers.keySet()
        + "]";
  }
}
