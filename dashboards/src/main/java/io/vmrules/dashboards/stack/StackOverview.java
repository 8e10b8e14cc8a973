package io.vmrules.dashboards.stack;

import static io.vmrules.dashboards.stack.Common.GREEN;
import static io.vmrules.dashboards.stack.Common.ORANGE;
import static io.vmrules.dashboards.stack.Common.RED;
import static io.vmrules.dashboards.stack.Common.YELLOW;
import static io.vmrules.dashboards.stack.Q.STACK;
import static io.vmrules.dashboards.stack.Q.rate;
import static io.vmrules.dashboards.stack.Q.sel;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.FieldCustom;
import io.vmrules.dashboards.model.PanelOptions;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Transformation;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.ValueMapping;
import io.vmrules.dashboards.stack.Metrics.Recorded;
import io.vmrules.dashboards.stack.Metrics.Vm;
import io.vmrules.dashboards.stack.Metrics.Vmagent;
import io.vmrules.promql.Dialect;

/** The home dashboard: is the stack healthy, and where to look when it is not. */
public final class StackOverview {
  private StackOverview() {}

  public static final String UID = "vmrules-stack-overview";

  /** Seconds until the emptiest vmstorage disk is full at the last 6h's rate of decline. */
  static final String STORAGE_FULL_ETA =
      "min(" + sel(Vm.FREE_DISK) + " / clamp_min(-deriv(" + sel(Vm.FREE_DISK) + "[6h]), 1))";

  public static Dashboard build() {
    return DashboardBuilder.create(UID, "Stack overview")
        .description("Home: health of the multi-region VictoriaMetrics stack at a glance")
        .tags(Common.TAG, "home")
        .dialect(Dialect.PROMQL)
        .variable(Common.datasource())
        .variable(Common.env("up"))
        .variable(Common.region("up"))
        .variable(Common.cluster("up"))
        .link(Common.stackLinks())
        .row("Summary")
        .add(
            PanelBuilder.stat("Targets down")
                .description(
                    "Scrape targets whose last scrape failed (up == 0) in the selected clusters. "
                        + "Red: at least one target is down; open the vmagent fleet dashboard to find which.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(GREEN, 1, RED))
                .options(PanelOptions.Stat.defaults().background())
                .target(
                    TargetBuilder.query("count(" + sel("up", STACK) + " == 0) or vector(0)")
                        .instant()),
            PanelBuilder.stat("Firing alerts")
                .description(
                    "Alerts the rule engine reports firing (ALERTS{alertstate=\"firing\"}). "
                        + "Red: something needs attention; the Alertmanager UI lists them with their runbooks.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(GREEN, 1, RED))
                .options(PanelOptions.Stat.defaults().background())
                .target(
                    TargetBuilder.query(
                            "count("
                                + sel(Metrics.ALERTS, "alertstate=\"firing\"", STACK)
                                + ") or vector(0)")
                        .instant()),
            PanelBuilder.stat("Ingest rate")
                .description(
                    "Rows per second accepted by vminsert across the cluster. Red (zero): nothing is "
                        + "being written; check the write path row below and the vmagents' remote write.")
                .unit(Unit.ROWS_PER_SEC)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .query("sum(" + rate(sel(Vm.ROWS_INSERTED)) + ")", "rows/s"),
            PanelBuilder.stat("Active series")
                .description(
                    "Series that received samples in the last hour (vmstorage). A sudden jump means a "
                        + "cardinality explosion: find the new label values in the cardinality explorer.")
                .unit(Unit.SHORT)
                .thresholds(Thresholds.ok())
                .query(
                    "sum(" + sel(Vm.CACHE_ENTRIES, "type=\"" + Vm.ACTIVE_SERIES_CACHE + "\"") + ")",
                    "series"),
            PanelBuilder.stat("Cross-region availability")
                .description(
                    "Mean success of the cross-region HTTP probes over 5m (recording rule "
                        + Recorded.PROBE_SUCCESS_AVG
                        + "). Red below 95%: a region cannot reach another; see the "
                        + "cross-region probes dashboard for the failing pair.")
                .unit(Unit.PERCENT_UNIT)
                .min(0)
                .max(1)
                .thresholds(Thresholds.absolute(RED, 0.95, YELLOW, 0.99, GREEN))
                .query("avg(" + sel(Recorded.PROBE_SUCCESS_AVG) + ")", "availability"),
            PanelBuilder.stat("Storage full in")
                .description(
                    "Time until the fullest vmstorage disk fills at its 6h trend. Red under a day, "
                        + "orange under a week: add disk, lower retention or drop unneeded series now.")
                .unit(Unit.DURATION_SECONDS)
                .thresholds(Thresholds.absolute(RED, 86400, ORANGE, 604800, GREEN))
                .target(TargetBuilder.query(STORAGE_FULL_ETA).instant()))
        .row("Write path by region")
        .add(
            PanelBuilder.timeseries("Rows in (scraped)")
                .description(
                    "Samples scraped per second by the vmagents, per region. A drop to zero in one "
                        + "region means its vmagents stopped scraping: check their targets and logs.")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (region) (" + rate(sel(Vmagent.SCRAPED_SAMPLES, STACK)) + ")",
                    "{{region}}"),
            PanelBuilder.timeseries("Rows sent")
                .description(
                    "Rows per second the vmagents delivered by remote write, per region. Should track "
                        + "rows in; a gap that grows means the remote write is falling behind (see pending bytes).")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (region) (" + rate(sel(Vmagent.ROWS_SENT, STACK)) + ")", "{{region}}"),
            PanelBuilder.timeseries("Pending bytes")
                .description(
                    "Data buffered by the vmagents, waiting to be sent. Red above 100 MiB: vminsert is "
                        + "slow or unreachable from that region; check vminsert and the network path.")
                .unit(Unit.BYTES)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 104857600, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query("sum by (region) (" + sel(Vmagent.PENDING_BYTES, STACK) + ")", "{{region}}"),
            PanelBuilder.timeseries("Remote-write non-2xx")
                .description(
                    "Remote-write requests answered with a non-2xx status, per region and code. Any "
                        + "line above zero is red: 4xx means bad data or auth, 5xx means vminsert trouble.")
                .unit(Unit.REQUESTS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (region, status_code) ("
                        + rate(sel(Vmagent.REQUESTS, STACK, "status_code!~\"2..\""))
                        + ")",
                    "{{region}} {{status_code}}"),
            PanelBuilder.timeseries("Dropped samples")
                .description(
                    "Samples the vmagents dropped because their buffers overflowed, per region. Any "
                        + "drop is data loss (red): raise the queue size or fix the slow remote end.")
                .unit(Unit.ROWS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (region) (" + rate(sel(Vmagent.SAMPLES_DROPPED, STACK)) + ")",
                    "{{region}}"))
        .row("Cross-region probes")
        .add(
            PanelBuilder.table("Probe success matrix (source × target)")
                .description(
                    "Mean probe success over 5m for each source region (rows) probing each target region "
                        + "(columns). Red cells below 95%: that path fails; check the target region's ingress and the "
                        + "inter-region network.")
                .unit(Unit.PERCENT_UNIT)
                .min(0)
                .max(1)
                .decimals(1)
                .size(12, 8)
                .thresholds(Thresholds.absolute(RED, 0.95, YELLOW, 0.99, GREEN))
                .custom(FieldCustom.TableField.colorBackground())
                .transformation(
                    Transformation.groupingToMatrix("source_region", "target_region", "Value"))
                .target(TargetBuilder.query(sel(Recorded.PROBE_SUCCESS_AVG)).instant().table()),
            PanelBuilder.timeseries("HTTP error ratio by cluster")
                .description(
                    "Share of HTTP requests answered 5xx, per cluster, from the shipped recording rules. "
                        + "Red above 5%: the HighHttpErrorRate alert is near; look at that cluster's services.")
                .unit(Unit.PERCENT_UNIT)
                .size(12, 8)
                .thresholds(Thresholds.absolute(GREEN, 0.05, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (cluster) ("
                        + sel(Recorded.HTTP_ERRORS_RATE, STACK)
                        + ") / sum by (cluster) ("
                        + sel(Recorded.HTTP_REQUESTS_RATE, STACK)
                        + ")",
                    "{{cluster}}"))
        .row("Component health")
        .add(
            PanelBuilder.stateTimeline("Components up")
                .description(
                    "Whether each scrape job's targets were all up. Red (DOWN) bands show when a "
                        + "component (vmagent, vminsert, vmselect, vmstorage, Grafana, Alertmanager, rule engine) was "
                        + "unreachable; check that service's logs.")
                .unit(Unit.NONE)
                .size(24, 8)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .mapping(ValueMapping.binary("DOWN", RED, "UP", GREEN))
                .query("min by (job) (" + sel("up", "env=~\"$env|monitoring\"") + ")", "{{job}}"))
        .build();
  }
}
