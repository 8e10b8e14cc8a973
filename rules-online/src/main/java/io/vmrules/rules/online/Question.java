package io.vmrules.rules.online;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request to the datasource's Prometheus API: a path ({@code /api/v1/query}, {@code
 * /api/v1/label/job/values}…), its parameters and extra headers, and how many series or values of
 * the answer to keep (the rest are counted, not held). Equal questions are asked once per run.
 */
public record Question(
    String path, Map<String, List<String>> params, Map<String, String> headers, int keep) {
  public Question {
    Objects.requireNonNull(path);
    TreeMap<String, List<String>> p = new TreeMap<>();
    params.forEach((k, v) -> p.put(k, List.copyOf(v)));
    params = Collections.unmodifiableMap(p);
    headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    if (keep < 0) {
      throw new IllegalArgumentException("keep < 0");
    }
  }

  /** Whether the answer is a list of strings (label names or values) rather than series. */
  public boolean asksForValues() {
    return path.startsWith("/api/v1/label");
  }

  /**
   * For a range query: series whose last sample is at or after this (unix seconds, half a step
   * before the end) are current; infinity for other questions.
   */
  public double currentFrom() {
    if (!path.equals("/api/v1/query_range")) {
      return Double.POSITIVE_INFINITY;
    }
    double end = Double.parseDouble(params.get("end").get(0));
    double step = Double.parseDouble(params.get("step").get(0));
    return end - step / 2;
  }

  /** The query expression, or the {@code match[]} selector: what messages show. */
  public String subject() {
    List<String> q = params.getOrDefault("query", params.get("match[]"));
    return q == null || q.isEmpty() ? path : q.get(0);
  }
}
