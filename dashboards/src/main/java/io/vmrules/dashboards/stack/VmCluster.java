package io.vmrules.dashboards.stack;

import static io.vmrules.dashboards.stack.Common.GREEN;
import static io.vmrules.dashboards.stack.Common.ORANGE;
import static io.vmrules.dashboards.stack.Common.RED;
import static io.vmrules.dashboards.stack.Common.YELLOW;
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
import io.vmrules.dashboards.model.ValueMapping;
import io.vmrules.dashboards.stack.Metrics.Jobs;
import io.vmrules.dashboards.stack.Metrics.ProcessMetrics;
import io.vmrules.dashboards.stack.Metrics.Vm;
import io.vmrules.promql.Dialect;

/** vminsert, vmselect and vmstorage as scraped by vmagent-monitoring (jobs by component). */
public final class VmCluster {
  private VmCluster() {}

  public static final String UID = "vmrules-vm-cluster";

  public static Dashboard build() {
    String insert = job(Jobs.VMINSERT);
    String select = job(Jobs.VMSELECT);
    String storage = job(Jobs.VMSTORAGE);
    String components =
        "job=~\"" + Jobs.VMINSERT + "|" + Jobs.VMSELECT + "|" + Jobs.VMSTORAGE + "\"";
    return DashboardBuilder.create(UID, "VictoriaMetrics cluster")
        .description(
            "vminsert, vmselect and vmstorage: ingestion, queries, replication, disk and resources")
        .tags(Common.TAG, "victoriametrics")
        .dialect(Dialect.PROMQL)
        .variable(Common.datasource())
        .variable(
            io.vmrules.dashboards.model.Variable.query(
                "instance",
                "Instance",
                Common.DS,
                "label_values(up{" + components + "}, instance)",
                true,
                true))
        .link(Common.stackLinks())
        .row("Overview")
        .add(
            PanelBuilder.stat("Ingestion")
                .description(
                    "Rows per second accepted by vminsert. Red (zero): nothing is written; check the "
                        + "vmagents' remote write and vminsert's logs.")
                .unit(Unit.ROWS_PER_SEC)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .query("sum(" + rate(sel(Vm.ROWS_INSERTED, insert)) + ")", "rows/s"),
            PanelBuilder.stat("Active series")
                .description(
                    "Series with samples in the last hour, summed over vmstorage nodes (each counted "
                        + "once per replica).")
                .unit(Unit.SHORT)
                .query(
                    "sum("
                        + sel(Vm.CACHE_ENTRIES, storage, "type=\"" + Vm.ACTIVE_SERIES_CACHE + "\"")
                        + ")",
                    "series"),
            PanelBuilder.stat("Read requests")
                .description("Query API requests per second served by vmselect.")
                .unit(Unit.REQUESTS_PER_SEC)
                .query("sum(" + rate(sel(Vm.HTTP_REQUESTS, select)) + ")", "req/s"),
            PanelBuilder.stat("Partial results")
                .description(
                    "Query responses missing data because a vmstorage node was unreachable. Red above "
                        + "zero: dashboards and alerts see incomplete data; restore the vmstorage node.")
                .unit(Unit.REQUESTS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .query(
                    "sum(" + rate(sel(Vm.PARTIAL_RESULTS, select)) + ") or vector(0)", "partial/s"),
            PanelBuilder.stat("Min free disk")
                .description(
                    "Free space on the fullest vmstorage node. Red under 5 GiB (the "
                        + "VMStorageDiskFillingUp alert fires): add disk or lower retention.")
                .unit(Unit.BYTES)
                .thresholds(Thresholds.absolute(RED, 5368709120.0, ORANGE, 21474836480.0, GREEN))
                .query("min(" + sel(Vm.FREE_DISK, storage) + ")", "free"),
            PanelBuilder.stat("Storage full in")
                .description(
                    "Time until the fullest vmstorage disk fills at its 6h trend. Red under a day, "
                        + "orange under a week.")
                .unit(Unit.DURATION_SECONDS)
                .thresholds(Thresholds.absolute(RED, 86400, ORANGE, 604800, GREEN))
                .target(TargetBuilder.query(StackOverview.STORAGE_FULL_ETA).instant()))
        .row("vminsert")
        .add(
            PanelBuilder.timeseries("Rows inserted by instance")
                .description(
                    "Rows per second each vminsert accepted. Uneven lines mean the vmagents' load is "
                        + "not balanced; one at zero is down or unreachable.")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (instance) ("
                        + rate(sel(Vm.ROWS_INSERTED, insert, "instance=~\"$instance\""))
                        + ")",
                    "{{instance}}"),
            PanelBuilder.timeseries("Rows sent to vmstorage")
                .description(
                    "Rows per second vminsert sent to each vmstorage node (replicationFactor=2: about "
                        + "twice the rows inserted). A node at zero is not receiving data.")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .query("sum by (addr) (" + rate(sel(Vm.RPC_ROWS_SENT, insert)) + ")", "{{addr}}"),
            PanelBuilder.timeseries("Incompletely replicated rows")
                .description(
                    "Rows written to fewer than replicationFactor nodes. Red above zero: a vmstorage "
                        + "node is down and data has a single copy; bring the node back.")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum(" + rate(sel(Vm.ROWS_INCOMPLETELY_REPLICATED, insert)) + ") or vector(0)",
                    "rows/s"),
            PanelBuilder.stateTimeline("vmstorage reachable from vminsert and vmselect")
                .description(
                    "Whether each vminsert/vmselect can reach each vmstorage node. Red (NO) bands: the "
                        + "node is down or the network between them is broken.")
                .unit(Unit.NONE)
                .size(24, 6)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .mapping(ValueMapping.binary("NO", RED, "YES", GREEN))
                .query(
                    "min by (job, addr) ("
                        + sel(
                            Vm.STORAGE_REACHABLE,
                            "job=~\"" + Jobs.VMINSERT + "|" + Jobs.VMSELECT + "\"")
                        + ")",
                    "{{job}} → {{addr}}"))
        .row("vmselect")
        .add(
            PanelBuilder.timeseries("Requests by path")
                .description("Query API requests per second by path.")
                .unit(Unit.REQUESTS_PER_SEC)
                .size(8, 8)
                .query("sum by (path) (" + rate(sel(Vm.HTTP_REQUESTS, select)) + ")", "{{path}}"),
            PanelBuilder.timeseries("Query latency p99")
                .description(
                    "99th percentile request duration by path. Red above 5s: queries are too heavy or "
                        + "vmstorage is slow; look at slow queries and vmstorage CPU.")
                .unit(Unit.SECONDS)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 5, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "max by (path) (" + sel(Vm.REQUEST_DURATION, select, "quantile=\"0.99\"") + ")",
                    "{{path}}"),
            PanelBuilder.timeseries("Errors, partial results, slow queries")
                .description(
                    "Per second: request errors, partial responses and slow queries. Partial results "
                        + "(red) mean a vmstorage node is missing from answers.")
                .unit(Unit.OPS_PER_SEC)
                .size(8, 8)
                .query("sum(" + rate(sel(Vm.HTTP_ERRORS, select)) + ")", "errors")
                .query("sum(" + rate(sel(Vm.PARTIAL_RESULTS, select)) + ")", "partial")
                .query("sum(" + rate(sel(Vm.SLOW_QUERIES, select)) + ")", "slow"),
            PanelBuilder.gauge("Concurrent selects")
                .description(
                    "Queries executing now on the busiest vmselect. Red above 16: queries queue up; "
                        + "add vmselect capacity or make dashboards lighter.")
                .unit(Unit.NONE)
                .min(0)
                .max(32)
                .thresholds(Thresholds.absolute(GREEN, 8, YELLOW, 16, RED))
                .query("max(" + sel(Vm.CONCURRENT_SELECTS, select) + ")", "concurrent"))
        .row("vmstorage")
        .add(
            PanelBuilder.timeseries("Free disk by node")
                .description(
                    "Free disk per vmstorage node. Red under 5 GiB: the node will stop accepting writes.")
                .unit(Unit.BYTES)
                .size(8, 8)
                .thresholds(Thresholds.absolute(RED, 5368709120.0, GREEN))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query("min by (instance) (" + sel(Vm.FREE_DISK, storage) + ")", "{{instance}}"),
            PanelBuilder.timeseries("Data size by node")
                .description(
                    "On-disk data per vmstorage node (data and index). Nodes should grow alike; one "
                        + "growing faster holds more series.")
                .unit(Unit.BYTES)
                .size(8, 8)
                .query("sum by (instance) (" + sel(Vm.DATA_SIZE, storage) + ")", "{{instance}}"),
            PanelBuilder.timeseries("Rows added to storage")
                .description("Rows per second each vmstorage node stored.")
                .unit(Unit.ROWS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (instance) (" + rate(sel(Vm.ROWS_ADDED, storage)) + ")",
                    "{{instance}}"))
        .collapsedRow("Resources")
        .add(
            PanelBuilder.timeseries("CPU by component")
                .description(
                    "CPU cores used per instance. Red above 1.5: the component is CPU-bound.")
                .unit(Unit.SHORT)
                .thresholds(Thresholds.absolute(GREEN, 1.5, RED))
                .query(
                    "sum by (job, instance) ("
                        + rate(sel(ProcessMetrics.CPU_SECONDS, components))
                        + ")",
                    "{{job}} {{instance}}"),
            PanelBuilder.timeseries("Memory by component")
                .description("Resident memory per instance. Red above 2 GiB: risk of OOM kills.")
                .unit(Unit.BYTES)
                .thresholds(Thresholds.absolute(GREEN, 2147483648.0, RED))
                .query(
                    "sum by (job, instance) ("
                        + sel(ProcessMetrics.RESIDENT_MEMORY, components)
                        + ")",
                    "{{job}} {{instance}}"))
        .build();
  }
}
