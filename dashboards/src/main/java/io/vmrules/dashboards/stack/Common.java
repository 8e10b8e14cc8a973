package io.vmrules.dashboards.stack;

import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.Variable;
import java.util.Set;

/** What the stack's dashboards share: datasources, the chained variables, links, the tag. */
public final class Common {
  private Common() {}

  /** Provisioned uid of the VictoriaMetrics datasource (vmselect-1), the default. */
  public static final String VMSELECT_UID = "vmselect";

  /** Provisioned uid of the legacy Prometheus remote-write receiver. */
  public static final String LEGACY_PROMETHEUS_UID = "prometheus-receiver";

  public static final Set<String> DATASOURCE_UIDS = Set.of(VMSELECT_UID, LEGACY_PROMETHEUS_UID);

  public static final String TAG = "vmrules-stack";

  public static final DataSourceRef DS = DataSourceRef.prometheus("${ds}");

  static Variable datasource() {
    return Variable.datasource("ds", "Datasource", "VictoriaMetrics", VMSELECT_UID);
  }

  static Variable env(String metric) {
    return Variable.query(
        "env", "Environment", DS, "label_values(" + metric + ", env)", true, true);
  }

  static Variable region(String metric) {
    return Variable.query(
        "region", "Region", DS, "label_values(" + metric + "{env=~\"$env\"}, region)", true, true);
  }

  static Variable cluster(String metric) {
    return Variable.query(
        "cluster",
        "Cluster",
        DS,
        "label_values(" + metric + "{env=~\"$env\", region=~\"$region\"}, cluster)",
        true,
        true);
  }

  static Dashboard.Link stackLinks() {
    return Dashboard.Link.dashboardsTagged("Stack dashboards", TAG);
  }

  // Colours Grafana names; one place so red means the same everywhere.
  static final String GREEN = "green";
  static final String YELLOW = "yellow";
  static final String ORANGE = "orange";
  static final String RED = "red";
  static final String BLUE = "blue";
}
