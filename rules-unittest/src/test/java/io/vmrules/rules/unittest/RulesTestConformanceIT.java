package io.vmrules.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.unittest.TestResults.FileResult;
import io.vmrules.testsupport.ExternalTool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code rules test} and {@code promtool test rules} on the same test files (one test group each,
 * named {@code pass-…} or {@code fail-…} for the verdict meant): the same verdict per group, except
 * the intended differences listed with their reason; and vmalert-tool's format with MetricsQL.
 */
class RulesTestConformanceIT {
  /** Files whose verdict differs from promtool's on purpose, and why. */
  static final Map<String, String> INTENDED =
      Map.of(
          "pass-alerts-series.yml",
          "ALERTS carries alertgroup, as `rules run` and vmalert write it (Prometheus does not)",
          "pass-time.yml",
          "samples start at 2000-01-01T00:00:00Z, not at 0: VictoriaMetrics answers nothing for"
              + " windows reaching back to 1970, so time() is 946684800 + eval_time");

  private static Path dir(String name) throws URISyntaxException {
    return Path.of(
            Objects.requireNonNull(RulesTestConformanceIT.class.getResource(name + "/rules.yml"))
                .toURI())
        .getParent();
  }

  private static List<Path> tests(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("(pass|fail)-.*\\.yml"))
          .sorted()
          .toList();
    }
  }

  @Test
  void sameVerdictAsPromtoolPerTestGroup() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool");
    List<Path> files = tests(dir("conformance"));
    assertThat(files).hasSizeGreaterThanOrEqualTo(24);
    List<FileResult> ours;
    try (TestSuite suite =
        new TestSuite(new TestSuite.Options(Dialect.PROMQL, null, "victoria-metrics"))) {
      ours = suite.run(files, r -> {});
    }
    List<String> table = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      boolean meant = name.startsWith("pass-");
      boolean theirs = promtool.run("test", "rules", files.get(i).toString()).exitCode() == 0;
      FileResult r = ours.get(i);
      assertThat(r.problems()).as(name).isEmpty();
      boolean we = r.passed();
      table.add(String.format("%-40s promtool %-5s ours %-5s", name, theirs, we));
      assertThat(theirs).as("promtool's verdict on " + name).isEqualTo(meant);
      if (INTENDED.containsKey(name)) {
        if (we == theirs) {
          wrong.add(name + ": listed as an intended difference, but the verdicts agree");
        }
      } else if (we != theirs) {
        wrong.add(name + ": promtool " + theirs + ", ours " + we + ": " + r.groups());
      }
    }
    System.out.println(String.join("\n", table));
    assertThat(wrong).isEmpty();
  }

  @Test
  void vmalertToolFilesWithMetricsql() throws Exception {
    List<Path> files = tests(dir("vmalert-tool"));
    List<FileResult> ours;
    try (TestSuite suite =
        new TestSuite(new TestSuite.Options(Dialect.METRICSQL, null, "victoria-metrics"))) {
      ours = suite.run(files, r -> {});
    }
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      assertThat(ours.get(i).problems()).as(name).isEmpty();
      assertThat(ours.get(i).passed())
          .as(name + ": " + ours.get(i).groups())
          .isEqualTo(name.startsWith("pass-"));
    }
    FileResult failed = ours.get(0);
    assertThat(failed.groups().get(0).failures().get(0).diff())
        .containsExactly(
            "~ alert {alertname=\"LatencyHigh\", job=\"api\", team=\"platform\"}:",
            "    - label team=\"platform\"",
            "    + label team=\"core\"");
  }
}
