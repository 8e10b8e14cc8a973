package io.vmrules.dashboards.stack;

import java.util.List;

/** Small helpers to write queries from metric names without string soup. */
final class Q {
  private Q() {}

  /** The stack's label filter from the chained variables. */
  static final String STACK = "env=~\"$env\", region=~\"$region\", cluster=~\"$cluster\"";

  /** {@code name{m1, m2}}. */
  static String sel(String name, String... matchers) {
    List<String> parts = List.of(matchers).stream().filter(m -> !m.isEmpty()).toList();
    return parts.isEmpty() ? name : name + "{" + String.join(", ", parts) + "}";
  }

  /** {@code rate(selector[$__rate_interval])}. */
  static String rate(String selector) {
    return "rate(" + selector + "[$__rate_interval])";
  }

  /** {@code increase(selector[$__rate_interval])}. */
  static String increase(String selector) {
    return "increase(" + selector + "[$__rate_interval])";
  }

  static String job(String job) {
    return "job=\"" + job + "\"";
  }
}
