package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.FieldConfigSource;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Transformation;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.ValueMapping;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.dashboards.provisioning.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One dashboard with every panel kind, variable kind, an override, a transformation and both row
 * forms, against its golden JSON. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenFileTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/all-kinds.json");

  static Dashboard allKinds() {
    DataSourceRef ds = DataSourceRef.prometheus("${ds}");
    return DashboardBuilder.create("golden-all-kinds", "All kinds")
        .description("Every panel kind the model supports")
        .tags("test")
        .variable(Variable.datasource("ds", "Datasource", "VictoriaMetrics", "vmselect"))
        .variable(Variable.query("env", "Env", ds, "label_values(up, env)", true, true))
        .variable(Variable.custom("quantile", "Quantile", List.of("0.99", "0.5")))
        .variable(Variable.interval("window", "Window", List.of("5m", "1h")))
        .add(
            PanelBuilder.text("About", "# All kinds\nOne of each.")
                .description("What this dashboard is"))
        .row("Numbers")
        .add(
            PanelBuilder.stat("Stat")
                .description("d")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute("green", 1, "red"))
                .target(
                    TargetBuilder.query("count(up{env=~\"$env\"} == 0) or vector(0)").instant()),
            PanelBuilder.gauge("Gauge")
                .description("d")
                .unit(Unit.PERCENT_UNIT)
                .min(0)
                .max(1)
                .query("avg(up{env=~\"$env\"})", "up"),
            PanelBuilder.barGauge("Bar gauge")
                .description("d")
                .unit(Unit.SHORT)
                .target(TargetBuilder.query("count by (job) (up)").legend("{{job}}").instant()))
        .row("Time")
        .add(
            PanelBuilder.timeseries("Time series")
                .description("d")
                .unit(Unit.REQUESTS_PER_SEC)
                .query("sum by (job) (rate(up[$__rate_interval]))", "{{job}}")
                .override(
                    FieldConfigSource.Matcher.byName("api"),
                    new FieldConfigSource.Property("unit", Unit.OPS_PER_SEC)),
            PanelBuilder.stateTimeline("State timeline")
                .description("d")
                .unit(Unit.NONE)
                .mapping(ValueMapping.binary("DOWN", "red", "UP", "green"))
                .query("min by (job) (up)", "{{job}}"))
        .collapsedRow("Tables")
        .add(
            PanelBuilder.table("Matrix")
                .description("d")
                .unit(Unit.PERCENT_UNIT)
                .transformation(Transformation.groupingToMatrix("a", "b", "Value"))
                .target(
                    TargetBuilder.query("avg by (a, b) (avg_over_time(up[$window]))")
                        .instant()
                        .table()),
            PanelBuilder.heatmap("Heatmap", Unit.SECONDS)
                .description("d")
                .unit(Unit.SECONDS)
                .target(
                    TargetBuilder.query("sum by (le) (increase(h_bucket[$__rate_interval]))")
                        .heatmap()))
        .build();
  }

  @Test
  void allKindsMatchesItsGoldenFile() throws IOException {
    String actual = Json.write(allKinds());
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual)
        .as("golden file %s differs; rerun with -Dgolden.update=true and review the diff", GOLDEN)
        .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void allKindsPassesTheChecks() {
    assertThat(
            new io.vmrules.dashboards.check.DashboardChecker(java.util.Set.of("vmselect"))
                .check(allKinds()))
        .isEmpty();
  }
}
