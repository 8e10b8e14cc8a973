package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmrules.dashboards.check.DashboardChecker;
import io.vmrules.dashboards.check.QueryTemplate;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.Panel;
import io.vmrules.dashboards.model.Target;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.dashboards.provisioning.Json;
import io.vmrules.dashboards.stack.StackDashboards;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every panel query of every shipped dashboard against a real VictoriaMetrics loaded with
 * sample series in the stack's label shape, with variables at their defaults (All, or the first
 * value), and reports the queries that fail or return nothing.
 */
class DashboardQueriesIT {
  private static final int MINUTES = 30;

  @Test
  void everyPanelQueryReturnsDataOnTheStacksLabelShape() throws Exception {
    long end = System.currentTimeMillis() / 1000 * 1000;
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start()) {
      vm.importPrometheus(StackSample.generate(end, MINUTES));
      long endSec = end / 1000;
      List<String> empty = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      int run = 0;
      for (StackDashboards.Shipped s : StackDashboards.all()) {
        Dashboard d = s.dashboard();
        Map<String, String> values = defaults(d);
        for (Panel p : DashboardChecker.panels(d)) {
          for (Target t : p.targets()) {
            String expr = QueryTemplate.substitute(t.expr(), values::get);
            HttpResponse<String> r =
                t.instant()
                    ? vm.queryAt(expr, endSec)
                    : vm.queryRange(expr, endSec - MINUTES * 60L + 300, endSec, 60);
            run++;
            String where = d.uid() + " / " + p.title() + " / " + t.refId() + ": " + expr;
            if (r.statusCode() != 200) {
              failed.add(where + " -> HTTP " + r.statusCode() + " " + r.body());
              continue;
            }
            JsonNode result = Json.mapper().readTree(r.body()).path("data").path("result");
            if (result.isEmpty()) {
              empty.add(where);
            }
          }
        }
      }
      System.out.println(
          "[DashboardQueriesIT] ran "
              + run
              + " panel queries; "
              + empty.size()
              + " empty, "
              + failed.size()
              + " failed");
      empty.forEach(e -> System.out.println("[DashboardQueriesIT] EMPTY " + e));
      failed.forEach(e -> System.out.println("[DashboardQueriesIT] FAILED " + e));
      assertThat(failed).as("queries VictoriaMetrics rejected").isEmpty();
      assertThat(empty).as("queries that returned nothing on the sample stack").isEmpty();
    }
  }

  /** What Grafana would substitute on first load: All (.*), an interval's first value, macros. */
  private static Map<String, String> defaults(Dashboard d) {
    Map<String, String> values = new HashMap<>();
    values.put("__rate_interval", "2m");
    values.put("__interval", "1m");
    values.put("__range", (MINUTES - 5) + "m");
    values.put("__range_s", String.valueOf((MINUTES - 5) * 60));
    for (Variable v : d.templating().list()) {
      String value =
          switch (v.type()) {
            case "datasource" -> "vmselect";
            case "interval", "custom" -> String.valueOf(v.current().value());
            default -> Boolean.TRUE.equals(v.includeAll()) ? ".*" : null;
          };
      values.put(v.name(), value);
    }
    // the one single-value query variable (legacy dashboard's cluster): the receiver's cluster
    if (values.containsKey("cluster") && values.get("cluster") == null) {
      values.put("cluster", "us-east-1-eks-01-prod-legacy");
    }
    return values;
  }
}
