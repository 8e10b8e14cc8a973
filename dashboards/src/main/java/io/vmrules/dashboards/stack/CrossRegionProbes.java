package io.vmrules.dashboards.stack;

import static io.vmrules.dashboards.stack.Common.GREEN;
import static io.vmrules.dashboards.stack.Common.RED;
import static io.vmrules.dashboards.stack.Common.YELLOW;
import static io.vmrules.dashboards.stack.Q.sel;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.FieldCustom;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Transformation;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.ValueMapping;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.dashboards.stack.Metrics.Probe;
import io.vmrules.promql.Dialect;
import java.util.Map;

/** blackbox http_2xx probes from every region to the others (source_region → target_region). */
public final class CrossRegionProbes {
  private CrossRegionProbes() {}

  public static final String UID = "vmrules-cross-region-probes";

  private static final String PAIR =
      "source_region=~\"$source_region\", target_region=~\"$target_region\"";

  public static Dashboard build() {
    return DashboardBuilder.create(UID, "Cross-region probes")
        .description("Availability and latency between regions, from blackbox-exporter probes")
        .tags(Common.TAG, "blackbox")
        .dialect(Dialect.PROMQL)
        .variable(Common.datasource())
        .variable(
            Variable.query(
                "source_region",
                "Source region",
                Common.DS,
                "label_values(" + Probe.SUCCESS + ", source_region)",
                true,
                true))
        .variable(
            Variable.query(
                "target_region",
                "Target region",
                Common.DS,
                "label_values("
                    + Probe.SUCCESS
                    + "{source_region=~\"$source_region\"}, target_region)",
                true,
                true))
        .link(Common.stackLinks())
        .row("Matrices")
        .add(
            PanelBuilder.table("Availability (source × target)")
                .description(
                    "Share of successful probes over the dashboard's time range, source regions as rows "
                        + "and targets as columns. Red below 95%: that path is broken or flapping; check the target's "
                        + "endpoint and the inter-region network.")
                .unit(Unit.PERCENT_UNIT)
                .decimals(2)
                .min(0)
                .max(1)
                .thresholds(Thresholds.absolute(RED, 0.95, YELLOW, 0.99, GREEN))
                .custom(FieldCustom.TableField.colorBackground())
                .transformation(
                    Transformation.groupingToMatrix("source_region", "target_region", "Value"))
                .target(
                    TargetBuilder.query(
                            "avg by (source_region, target_region) (avg_over_time("
                                + sel(Probe.SUCCESS, PAIR)
                                + "[$__range]))")
                        .instant()
                        .table()),
            PanelBuilder.table("Latency p99 (source × target)")
                .description(
                    "99th percentile probe duration over the time range. Red above 2s (the "
                        + "CrossRegionProbeSlow alert's level): that path is slow; compare its HTTP phases below.")
                .unit(Unit.SECONDS)
                .decimals(3)
                .thresholds(Thresholds.absolute(GREEN, 1, YELLOW, 2, RED))
                .custom(FieldCustom.TableField.colorBackground())
                .transformation(
                    Transformation.groupingToMatrix("source_region", "target_region", "Value"))
                .target(
                    TargetBuilder.query(
                            "max by (source_region, target_region) (quantile_over_time(0.99, "
                                + sel(Probe.DURATION, PAIR)
                                + "[$__range]))")
                        .instant()
                        .table()))
        .row("Per pair")
        .add(
            PanelBuilder.timeseries("Success by pair")
                .description(
                    "Probe success (1 = up) per source → target pair. Red below 0.8 (the "
                        + "CrossRegionProbeFailing alert's level).")
                .unit(Unit.PERCENT_UNIT)
                .min(0)
                .max(1)
                .thresholds(Thresholds.absolute(RED, 0.8, GREEN))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "avg by (source_region, target_region) (" + sel(Probe.SUCCESS, PAIR) + ")",
                    "{{source_region}} → {{target_region}}"),
            PanelBuilder.timeseries("Duration by pair")
                .description(
                    "Probe duration per pair. Red above 2s; the 10s probe timeout shows as a flat line.")
                .unit(Unit.SECONDS)
                .thresholds(Thresholds.absolute(GREEN, 2, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "max by (source_region, target_region) (" + sel(Probe.DURATION, PAIR) + ")",
                    "{{source_region}} → {{target_region}}"),
            PanelBuilder.timeseries("HTTP phases")
                .description(
                    "Where probe time goes (resolve, connect, tls, processing, transfer), stacked. A "
                        + "growing connect phase points at the network, processing at the target service.")
                .unit(Unit.SECONDS)
                .custom(FieldCustom.Graph.lines().stacked())
                .query(
                    "avg by (phase) (" + sel(Probe.HTTP_PHASE_DURATION, PAIR) + ")", "{{phase}}"),
            PanelBuilder.stateTimeline("Pair status")
                .description(
                    "Up/down bands per pair. Red (DOWN) bands are outages: when they started and how "
                        + "long they lasted.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .mapping(ValueMapping.binary("DOWN", RED, "UP", GREEN))
                .query(
                    "min by (source_region, target_region) (" + sel(Probe.SUCCESS, PAIR) + ")",
                    "{{source_region}} → {{target_region}}"))
        .row("Failing probes")
        .add(
            PanelBuilder.table("Failing probes now")
                .description(
                    "Probes whose last attempt failed, with the HTTP status they got (0: no answer). "
                        + "Empty is good. Each row is a path to fix: status 0 means network or DNS, 5xx the target "
                        + "service.")
                .unit(Unit.NONE)
                .size(24, 8)
                .transformation(
                    Transformation.organize(
                        Map.of("Time", true, "__name__", true), Map.of("Value", "HTTP status")))
                .target(
                    TargetBuilder.query(
                            sel(Probe.HTTP_STATUS, PAIR)
                                + " and on (instance, source_region, "
                                + "target_region) ("
                                + sel(Probe.SUCCESS, PAIR)
                                + " == 0)")
                        .instant()
                        .table()))
        .build();
  }
}
