package io.vmrules.rules.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An instant query: expression, evaluation time, the {@code step} to send (the group interval) and
 * the group's extra URL {@code params} and HTTP {@code headers}.
 */
public record QueryRequest(
    String expr,
    Instant time,
    Duration step,
    Map<String, List<String>> params,
    Map<String, String> headers) {
  public QueryRequest {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(step, "step");
    params = Collections.unmodifiableMap(new TreeMap<>(params));
    headers = Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  public static QueryRequest of(String expr, Instant time, Duration step) {
    return new QueryRequest(expr, time, step, Map.of(), Map.of());
  }

  /** Header values may be credentials (a group's {@code headers}): only their names are shown. */
  @Override
  public String toString() {
    return "QueryRequest[expr="
        + expr
        + ", time="
        + time
        + ", step="
        + step
        + ", params="
        + params
        + ", headers="
        + headers.keySet()
        + "]";
  }
}
