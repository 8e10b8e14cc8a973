package io.vmrules.promql;

/** The query language a rule is written for. MetricsQL is a superset of PromQL. */
public enum Dialect {
  /** Prometheus 2.x/3.x PromQL: MetricsQL-only forms are diagnosed. */
  PROMQL,
  /** VictoriaMetrics MetricsQL: the default, since rules run against vmselect. */
  METRICSQL;

  /** Parses {@code promql} or {@code metricsql}, ignoring case; null when unknown. */
  public static Dialect fromName(String name) {
    for (Dialect d : values()) {
      if (d.name().equalsIgnoreCase(name)) {
        return d;
      }
    }
    return null;
  }
}
