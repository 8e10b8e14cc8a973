package io.vmrules.dashboards.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vmrules.promql.Dialect;
import java.util.Objects;

/**
 * A Prometheus query of a panel. {@code dialect} and {@code fixedWindowReason} are generation-time
 * policy and are not written: the dialect the query is checked in, and why (if at all) its {@code
 * rate}/{@code increase}/{@code irate} windows are not {@code $__rate_interval}.
 */
public record Target(
    String refId,
    DataSourceRef datasource,
    String expr,
    String legendFormat,
    String format,
    boolean instant,
    boolean range,
    String interval,
    String editorMode,
    @JsonIgnore Dialect dialect,
    @JsonIgnore String fixedWindowReason) {
  public Target {
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(dialect, "dialect");
    if (!format.equals("time_series") && !format.equals("table") && !format.equals("heatmap")) {
      throw new IllegalArgumentException("unknown format " + format);
    }
    if (instant == range) {
      throw new IllegalArgumentException("a target is either instant or range: " + expr);
    }
  }
}
