package io.vmrules.dashboards.stack;

import io.vmrules.dashboards.model.Dashboard;
import java.util.List;

/** The dashboards we ship, each with the provisioning folder it goes into. */
public final class StackDashboards {
  private StackDashboards() {}

  /** A dashboard and its folder under {@code provisioning/dashboards/}. */
  public record Shipped(String folder, Dashboard dashboard) {
    public String path() {
      return "dashboards/" + folder + "/" + dashboard.uid() + ".json";
    }
  }

  public static List<Shipped> all() {
    return List.of(
        new Shipped("stack", StackOverview.build()),
        new Shipped("stack", VmagentFleet.build()),
        new Shipped("stack", VmCluster.build()),
        new Shipped("stack", CrossRegionProbes.build()),
        new Shipped("rule-engine", RuleEngineDashboard.build()),
        new Shipped("stack", LegacyPrometheus.build()));
  }
}
