package io.vmrules.dashboards.stack;

import static io.vmrules.dashboards.stack.Common.GREEN;
import static io.vmrules.dashboards.stack.Common.RED;
import static io.vmrules.dashboards.stack.Q.rate;
import static io.vmrules.dashboards.stack.Q.sel;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.FieldCustom;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.dashboards.stack.Metrics.Prometheus;
import io.vmrules.promql.Dialect;

/**
 * The legacy Prometheus remote-write receiver, as scraped into VictoriaMetrics by
 * vmagent-receiver-scraper (cluster {@code us-east-1-eks-01-prod-legacy}), plus a parity panel that
 * asks the receiver itself. PromQL only: the receiver's datasource is Prometheus.
 */
public final class LegacyPrometheus {
  private LegacyPrometheus() {}

  public static final String UID = "vmrules-legacy-prometheus";

  private static final String RECEIVER = "env=~\"$env\", region=~\"$region\", cluster=\"$cluster\"";

  public static Dashboard build() {
    return DashboardBuilder.create(UID, "Legacy Prometheus receiver")
        .description(
            "The Prometheus remote-write receiver kept for legacy consumers, and its parity with "
                + "VictoriaMetrics")
        .tags(Common.TAG, "prometheus")
        .dialect(Dialect.PROMQL)
        .variable(Common.datasource())
        .variable(Common.env(Prometheus.BUILD_INFO))
        .variable(Common.region(Prometheus.BUILD_INFO))
        .variable(
            Variable.query(
                "cluster",
                "Cluster",
                Common.DS,
                "label_values("
                    + Prometheus.BUILD_INFO
                    + "{env=~\"$env\", region=~\"$region\"}, cluster)",
                false,
                false))
        .link(Common.stackLinks())
        .row("Receiving")
        .add(
            PanelBuilder.timeseries("Remote-write receive rate")
                .description(
                    "Remote-write requests per second the receiver answered, by status code. Red "
                        + "non-2xx lines: senders are rejected (400: bad samples, 5xx: the receiver is overloaded).")
                .unit(Unit.REQUESTS_PER_SEC)
                .query(
                    "sum by (code) ("
                        + rate(
                            sel(
                                Prometheus.HTTP_REQUESTS,
                                RECEIVER,
                                "handler=\"" + Prometheus.WRITE_HANDLER + "\""))
                        + ")",
                    "{{code}}"),
            PanelBuilder.timeseries("Samples appended")
                .description(
                    "Samples per second appended to the receiver's head block. Zero while requests "
                        + "arrive means every sample is rejected; see rejected samples.")
                .unit(Unit.ROWS_PER_SEC)
                .query("sum(" + rate(sel(Prometheus.SAMPLES_APPENDED, RECEIVER)) + ")", "appended"),
            PanelBuilder.timeseries("Head series")
                .description(
                    "Series in the receiver's in-memory head (1h retention). A steady climb is "
                        + "cardinality growth; the receiver's memory follows it.")
                .unit(Unit.SHORT)
                .query("sum(" + sel(Prometheus.HEAD_SERIES, RECEIVER) + ")", "series"),
            PanelBuilder.timeseries("Rejected samples")
                .description(
                    "Samples refused as out of order or out of bounds, per second. Red above zero: two "
                        + "senders write the same series, or a sender replays old data.")
                .unit(Unit.ROWS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query("sum(" + rate(sel(Prometheus.OUT_OF_ORDER, RECEIVER)) + ")", "out of order")
                .query(
                    "sum(" + rate(sel(Prometheus.OUT_OF_BOUNDS, RECEIVER)) + ")", "out of bounds"))
        .row("Parity with VictoriaMetrics")
        .add(
            PanelBuilder.timeseries("Head series: receiver vs VictoriaMetrics")
                .description(
                    "The receiver's head series asked of the receiver itself and as scraped into "
                        + "VictoriaMetrics. The lines should overlap; a gap means the scrape path to VictoriaMetrics "
                        + "loses data (check vmagent-receiver-scraper) or the receiver is not reachable.")
                .unit(Unit.SHORT)
                .size(24, 8)
                .datasource(DataSourceRef.mixed())
                .target(
                    TargetBuilder.query("sum(" + Prometheus.HEAD_SERIES + ")")
                        .legend("receiver")
                        .datasource(DataSourceRef.prometheus(Common.LEGACY_PROMETHEUS_UID)))
                .target(
                    TargetBuilder.query("sum(" + sel(Prometheus.HEAD_SERIES, RECEIVER) + ")")
                        .legend("VictoriaMetrics")
                        .datasource(DataSourceRef.prometheus(Common.VMSELECT_UID))))
        .build();
  }
}
