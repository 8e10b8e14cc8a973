package io.vmrules.dashboards.build;

import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.Target;
import io.vmrules.promql.Dialect;

/**
 * Builds one {@link Target}; refId, datasource and dialect default from the panel and dashboard.
 */
public final class TargetBuilder {
  final String expr;
  String legendFormat;
  String format = "time_series";
  boolean instant;
  String interval;
  DataSourceRef datasource;
  Dialect dialect;
  String fixedWindowReason;

  private TargetBuilder(String expr) {
    this.expr = expr;
  }

  public static TargetBuilder query(String expr) {
    return new TargetBuilder(expr);
  }

  public TargetBuilder legend(String legendFormat) {
    this.legendFormat = legendFormat;
    return this;
  }

  /** Evaluated once at the end of the range (stat, table, matrices). */
  public TargetBuilder instant() {
    this.instant = true;
    return this;
  }

  /** Table rows, one per series (with {@link #instant()} for matrices). */
  public TargetBuilder table() {
    this.format = "table";
    return this;
  }

  /** Histogram buckets for a heatmap. */
  public TargetBuilder heatmap() {
    this.format = "heatmap";
    return this;
  }

  public TargetBuilder interval(String interval) {
    this.interval = interval;
    return this;
  }

  /** A fixed datasource for this target (panels on the mixed datasource). */
  public TargetBuilder datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return this;
  }

  /**
   * Declares the dialect this query needs (e.g. MetricsQL-only constructs on a PromQL dashboard).
   */
  public TargetBuilder dialect(Dialect dialect) {
    this.dialect = dialect;
    return this;
  }

  /** Allows rate/increase/irate windows other than {@code $__rate_interval}, saying why. */
  public TargetBuilder fixedWindow(String reason) {
    this.fixedWindowReason = reason;
    return this;
  }

  Target build(String refId, DataSourceRef panelDatasource, Dialect dashboardDialect) {
    DataSourceRef ds = datasource != null ? datasource : panelDatasource;
    return new Target(
        refId,
        ds,
        expr,
        legendFormat == null ? "__auto" : legendFormat,
        format,
        instant,
        !instant,
        interval,
        "code",
        dialect != null ? dialect : dashboardDialect,
        fixedWindowReason);
  }
}
