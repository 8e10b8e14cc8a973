package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs whose size once made validation quadratic in time or in output. */
class LargeInputTest {
  /** {@code n} recording rules, each reading the next, the last reading the first. */
  static String recordingCycle(int n) {
    StringBuilder y = new StringBuilder("groups:\n  - name: cycle\n    rules:\n");
    for (int i = 0; i < n; i++) {
      y.append("      - record: job:r")
          .append(i)
          .append(":sum\n        expr: sum(job:r")
          .append((i + 1) % n)
          .append(":sum)\n");
    }
    return y.toString();
  }

  @Test
  void aLongRecordingCycleIsReportedOncePerRuleWithAShortMessage() throws Exception {
    int n = 20_000;
    List<Finding> findings =
        new Validation(Validation.Options.of(Dialect.METRICSQL))
                .validate(Map.of("cycle.yml", recordingCycle(n).getBytes(StandardCharsets.UTF_8)))
                .report()
                .findings()
                .stream()
                .filter(f -> f.code().equals("rules.recording-cycle"))
                .toList();
    assertThat(findings).hasSize(n);
    assertThat(findings)
        .allSatisfy(
            f -> assertThat(f.message()).hasSizeLessThan(400).contains("20000 rules in all"));
  }

  @Test
  void aShortCycleNamesEveryRule() throws Exception {
    List<Finding> findings =
        new Validation(Validation.Options.of(Dialect.METRICSQL))
                .validate(Map.of("cycle.yml", recordingCycle(3).getBytes(StandardCharsets.UTF_8)))
                .report()
                .findings()
                .stream()
                .filter(f -> f.code().equals("rules.recording-cycle"))
                .toList();
    assertThat(findings).hasSize(3);
    assertThat(findings.get(0).message())
        .isEqualTo(
            "recording rules depend on each other in a cycle: job:r0:sum → job:r1:sum → job:r2:sum"
                + " → job:r0:sum; each reads the others' results of the evaluation before");
  }
}
