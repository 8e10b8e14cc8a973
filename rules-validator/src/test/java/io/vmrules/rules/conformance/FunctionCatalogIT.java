package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.types.FunctionCatalog;
import io.vmrules.promql.types.FunctionSignature;
import io.vmrules.testsupport.ExternalTool;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function catalog against the real engines: a well-typed call of every function must compile
 * in promtool (PromQL) and run in VictoriaMetrics (MetricsQL). The packaged tools are older than
 * the languages we check (promtool 2.42, VictoriaMetrics 1.79), so functions added since are listed
 * below; anything else they reject is a catalog bug.
 */
class FunctionCatalogIT {
  /** Added to PromQL after 2.42 (Prometheus 2.50–3.x). */
  private static final Set<String> NEWER_THAN_PROMTOOL =
      Set.of("histogram_avg", "histogram_stddev", "histogram_stdvar");

  /**
   * Added to MetricsQL after 1.79 (all in the MetricsQL documentation, which FunctionCatalogTest
   * holds the catalog to).
   */
  static final Set<String> NEWER_THAN_VICTORIAMETRICS =
      Set.of(
          "count_values_over_time",
          "day_of_year",
          "drop_empty_series",
          "histogram_fraction",
          "labels_equal",
          "mad_over_time",
          "outlier_iqr_over_time",
          "outliers_iqr",
          "range_linear_regression",
          "range_mad",
          "range_normalize",
          "range_stddev",
          "range_stdvar",
          "range_trim_outliers",
          "range_trim_spikes",
          "range_trim_zscore",
          "range_zscore",
          "rate_prometheus",
          "share",
          "share_eq_over_time",
          "sort_by_label_numeric",
          "sort_by_label_numeric_desc",
          "sum_eq_over_time",
          "sum_gt_over_time",
          "sum_le_over_time",
          "iqr_over_time");

  private static final FunctionCatalog CATALOG = FunctionCatalog.standard();

  @TempDir Path dir;

  @Test
  void promtoolCompilesEveryStableFunction() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool");
    List<FunctionSignature> sigs =
        signatures(Dialect.PROMQL).stream().filter(s -> !s.experimental()).toList();
    StringBuilder y = new StringBuilder("groups:\n  - name: catalog\n    rules:\n");
    for (int i = 0; i < sigs.size(); i++) {
      y.append("      - record: r")
          .append(i)
          .append("\n        expr: '")
          .append(sigs.get(i).exampleCall(sigs.get(i).minArgs()).replace("'", "''"))
          .append("'\n");
    }
    Path file = dir.resolve("catalog.yml");
    Files.writeString(file, y, StandardCharsets.UTF_8);
    String output = promtool.run("check", "rules", file.toString()).output();
    Set<String> rejected = new TreeSet<>();
    Matcher m = Pattern.compile("rule (\\d+), \"r\\d+\"").matcher(output);
    while (m.find()) {
      rejected.add(sigs.get(Integer.parseInt(m.group(1)) - 1).name());
    }
    System.out.printf(
        "Catalog vs promtool: %d PromQL functions, rejected as newer than 2.42: %s%n",
        sigs.size(), rejected);
    assertThat(rejected).isSubsetOf(NEWER_THAN_PROMTOOL);
  }

  @Test
  void victoriaMetricsRunsEveryFunction() throws Exception {
    List<FunctionSignature> sigs = signatures(Dialect.METRICSQL);
    Set<String> rejected = new TreeSet<>();
    List<String> answers = new ArrayList<>();
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start()) {
      vm.importPrometheus("x{lbl=\"a\"} 1\n");
      for (FunctionSignature sig : sigs) {
        String call = sig.exampleCall(sig.minArgs());
        var response = vm.query(call);
        if (response.statusCode() != 200) {
          rejected.add(sig.name());
          answers.add(call + " -> " + response.body());
        }
      }
    }
    System.out.printf(
        "Catalog vs VictoriaMetrics: %d MetricsQL functions, rejected as newer than 1.79: %s%n",
        sigs.size(), rejected);
    answers.stream()
        .filter(a -> !NEWER_THAN_VICTORIAMETRICS.contains(a.substring(0, a.indexOf('('))))
        .forEach(a -> System.out.println("  " + a));
    assertThat(rejected).isSubsetOf(NEWER_THAN_VICTORIAMETRICS);
  }

  private static List<FunctionSignature> signatures(Dialect dialect) {
    return CATALOG.names(dialect).stream()
        .sorted()
        .map(n -> CATALOG.lookup(n, dialect).orElseThrow())
        .toList();
  }
}
