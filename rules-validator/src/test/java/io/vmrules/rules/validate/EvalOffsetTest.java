package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * vmalert's rules for {@code eval_offset} (its {@code Group.Validate}, and its own test file {@code
 * rules_interval_bad.rules}): within the group's own interval, as an absolute value, and not with
 * {@code eval_delay}.
 */
class EvalOffsetTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      within the interval     | interval: 1m, eval_offset: 30s                  | none
      the whole interval      | interval: 1m, eval_offset: 1m                   | none
      negative, within        | interval: 1m, eval_offset: -30s                 | none
      zero, default interval  | eval_offset: 0s                                 | none
      default interval        | eval_offset: 30s                                | error rules.duration
      longer than interval    | interval: 1m, eval_offset: 2m                   | error rules.duration
      negative, longer        | interval: 1m, eval_offset: -2m                  | error rules.duration
      with eval_delay         | interval: 1m, eval_offset: 30s, eval_delay: 10s | error rules.conflict
      """)
  void evalOffset(String name, String keys, String expected) throws Exception {
    String yaml =
        "groups:\n  - {name: g, "
            + keys
            + ", rules: [{alert: A, expr: up == 0, annotations: {summary: down}}]}\n";
    List<String> actual = FindingCodes.of(Dialect.METRICSQL, yaml);
    assertThat(actual)
        .as(name)
        .containsExactly(expected.equals("none") ? new String[0] : expected.split(","));
  }
}
