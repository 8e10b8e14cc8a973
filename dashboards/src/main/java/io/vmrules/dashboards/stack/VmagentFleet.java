package io.vmrules.dashboards.stack;

import static io.vmrules.dashboards.stack.Common.GREEN;
import static io.vmrules.dashboards.stack.Common.RED;
import static io.vmrules.dashboards.stack.Common.YELLOW;
import static io.vmrules.dashboards.stack.Q.STACK;
import static io.vmrules.dashboards.stack.Q.job;
import static io.vmrules.dashboards.stack.Q.rate;
import static io.vmrules.dashboards.stack.Q.sel;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.FieldCustom;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.stack.Metrics.Jobs;
import io.vmrules.dashboards.stack.Metrics.ProcessMetrics;
import io.vmrules.dashboards.stack.Metrics.Vmagent;
import io.vmrules.promql.Dialect;

/** The vmagents: scraping, remote write, buffering and their own resources, per cluster. */
public final class VmagentFleet {
  private VmagentFleet() {}

  public static final String UID = "vmrules-vmagent-fleet";

  public static Dashboard build() {
    String agent = job(Jobs.VMAGENT);
    return DashboardBuilder.create(UID, "vmagent fleet")
        .description("The vmagents of every region and cluster: scraping, remote write and buffers")
        .tags(Common.TAG, "vmagent")
        .dialect(Dialect.PROMQL)
        .variable(Common.datasource())
        .variable(Common.env(Vmagent.PENDING_BYTES))
        .variable(Common.region(Vmagent.PENDING_BYTES))
        .variable(Common.cluster(Vmagent.PENDING_BYTES))
        .link(Common.stackLinks())
        .row("Fleet")
        .add(
            PanelBuilder.stat("vmagents up")
                .description(
                    "vmagents answering their self-scrape, out of those known. Red: fewer than one is "
                        + "up in the selection; a down vmagent means its cluster is not monitored at all.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .target(TargetBuilder.query("sum(" + sel("up", agent, STACK) + ")").instant()),
            PanelBuilder.stat("Scrape targets down")
                .description(
                    "Targets the vmagents failed to scrape last time. Red: at least one is down; the "
                        + "table below names them.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(GREEN, 1, RED))
                .target(
                    TargetBuilder.query(
                            "sum("
                                + sel(Vmagent.TARGETS, "status=\"down\"", STACK)
                                + ") or vector(0)")
                        .instant()),
            PanelBuilder.stat("Pending bytes (max)")
                .description(
                    "The largest remote-write buffer among the vmagents. Yellow above 10 MiB, red above "
                        + "100 MiB: that vmagent cannot send fast enough; check vminsert and the network.")
                .unit(Unit.BYTES)
                .thresholds(Thresholds.absolute(GREEN, 10485760, YELLOW, 104857600, RED))
                .query("max(" + sel(Vmagent.PENDING_BYTES, STACK) + ")", "max"),
            PanelBuilder.barGauge("Pending bytes by cluster")
                .description(
                    "Remote-write buffer of each cluster's vmagents. Red bars (over 100 MiB) are the "
                        + "vmagents falling behind.")
                .unit(Unit.BYTES)
                .size(12, 4)
                .thresholds(Thresholds.absolute(GREEN, 10485760, YELLOW, 104857600, RED))
                .target(
                    TargetBuilder.query(
                            "sum by (cluster) (" + sel(Vmagent.PENDING_BYTES, STACK) + ")")
                        .legend("{{cluster}}")
                        .instant()))
        .row("Scraping")
        .add(
            PanelBuilder.timeseries("Samples scraped")
                .description(
                    "Samples scraped per second by cluster. A cluster dropping to zero stopped scraping; "
                        + "a jump is new targets or a cardinality explosion.")
                .unit(Unit.ROWS_PER_SEC)
                .query(
                    "sum by (cluster) (" + rate(sel(Vmagent.SCRAPED_SAMPLES, STACK)) + ")",
                    "{{cluster}}"),
            PanelBuilder.timeseries("Scrape failures")
                .description(
                    "Failed scrapes per second by cluster. Red above zero: targets time out or refuse "
                        + "connections; see the vmagent's /targets page.")
                .unit(Unit.OPS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (cluster) (" + rate(sel(Vmagent.SCRAPES_FAILED, STACK)) + ")",
                    "{{cluster}}"),
            PanelBuilder.table("Targets by state")
                .description(
                    "Scrape targets per cluster and state. Rows with state down list what to fix.")
                .unit(Unit.NONE)
                .size(24, 6)
                .target(
                    TargetBuilder.query(
                            "sum by (cluster, status) (" + sel(Vmagent.TARGETS, STACK) + ")")
                        .instant()
                        .table()))
        .row("Remote write")
        .add(
            PanelBuilder.timeseries("Rows sent")
                .description(
                    "Rows per second delivered to vminsert, by cluster. Should match samples scraped.")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (cluster) (" + rate(sel(Vmagent.ROWS_SENT, STACK)) + ")",
                    "{{cluster}}"),
            PanelBuilder.timeseries("Requests by status")
                .description(
                    "Remote-write requests per second by cluster and HTTP status. Non-2xx lines are red: "
                        + "4xx is a client problem (labels, size), 5xx a vminsert problem.")
                .unit(Unit.REQUESTS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (cluster, status_code) (" + rate(sel(Vmagent.REQUESTS, STACK)) + ")",
                    "{{cluster}} {{status_code}}"),
            PanelBuilder.timeseries("Retries and drops")
                .description(
                    "Remote-write retries and dropped samples per second. Retries mean the remote end "
                        + "is flaky; drops (red) are lost data: fix the remote end or grow the buffer.")
                .unit(Unit.OPS_PER_SEC)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .query(
                    "sum by (cluster) (" + rate(sel(Vmagent.RETRIES, STACK)) + ")",
                    "retries {{cluster}}")
                .query(
                    "sum by (cluster) (" + rate(sel(Vmagent.SAMPLES_DROPPED, STACK)) + ")",
                    "dropped {{cluster}}"),
            PanelBuilder.timeseries("Send saturation")
                .description(
                    "Seconds spent sending per second: above 1 the vmagent needs more concurrent "
                        + "connections (-remoteWrite.queues); red above 0.8.")
                .unit(Unit.PERCENT_UNIT)
                .size(12, 8)
                .thresholds(Thresholds.absolute(GREEN, 0.8, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (cluster) (" + rate(sel(Vmagent.SEND_DURATION, STACK)) + ")",
                    "{{cluster}}"),
            PanelBuilder.timeseries("Persistent queue")
                .description(
                    "Bytes waiting in the on-disk queue. Growing without end means the remote end will "
                        + "not catch up: the disk fills and data is dropped.")
                .unit(Unit.BYTES)
                .size(12, 8)
                .query(
                    "sum by (cluster) (" + sel(Vmagent.QUEUE_BYTES_PENDING, STACK) + ")",
                    "{{cluster}}"))
        .collapsedRow("Resources")
        .add(
            PanelBuilder.timeseries("CPU")
                .description(
                    "CPU cores used by each vmagent. Red above 1.5 cores: it is near its limit; scrape "
                        + "less or shard the targets.")
                .unit(Unit.SHORT)
                .thresholds(Thresholds.absolute(GREEN, 1.5, RED))
                .query(
                    "sum by (cluster, instance) ("
                        + rate(sel(ProcessMetrics.CPU_SECONDS, agent, STACK))
                        + ")",
                    "{{cluster}} {{instance}}"),
            PanelBuilder.timeseries("Memory")
                .description(
                    "Resident memory of each vmagent. Red above 1 GiB: check for a cardinality jump or "
                        + "raise its memory limit.")
                .unit(Unit.BYTES)
                .thresholds(Thresholds.absolute(GREEN, 1073741824, RED))
                .query(
                    "sum by (cluster, instance) ("
                        + sel(ProcessMetrics.RESIDENT_MEMORY, agent, STACK)
                        + ")",
                    "{{cluster}} {{instance}}"))
        .build();
  }
}
