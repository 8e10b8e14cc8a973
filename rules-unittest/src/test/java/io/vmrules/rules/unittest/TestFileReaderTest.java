package io.vmrules.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.model.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestFileReaderTest {
  private static final Path FILE = Path.of("t.yml");

  private static List<String> problems(String yaml) {
    return TestFileReader.read(FILE, yaml).findings().stream()
        .map(f -> f.line() + ":" + f.column() + " " + f.code() + " " + f.message())
        .toList();
  }

  private static final String GOOD =
      """
      rule_files: [r.yml]
      evaluation_interval: 30s
      group_eval_order: [b, a]
      tests:
        - name: one
          interval: 1m
          external_labels: {cluster: c1}
          input_series:
            - series: 'up{job="a", instance="x"}'
              values: '1 0x3 _ stale'
          alert_rule_test:
            - eval_time: 5m
              alertname: Down
              exp_alerts:
                - exp_labels: {job: a}
                  exp_annotations: {summary: s}
          promql_expr_test:
            - expr: up
              eval_time: 1m
              exp_samples:
                - labels: '{__name__="up", job="a", instance="x"}'
                  value: 0
      """;

  @Test
  void readsEveryPartOfAPromtoolFile() {
    TestFileReader.Result r = TestFileReader.read(FILE, GOOD);
    assertThat(r.findings()).isEmpty();
    TestFile f = r.file();
    assertThat(f.format()).isEqualTo(TestFile.Format.PROMTOOL);
    assertThat(f.evaluationInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(f.groupEvalOrder()).containsExactly("b", "a");
    assertThat(f.ruleFiles()).singleElement().asString().endsWith("r.yml");
    TestFile.TestGroup g = f.tests().get(0);
    assertThat(g.start()).isEqualTo(TestFileReader.DEFAULT_START);
    assertThat(g.externalLabels()).containsEntry("cluster", "c1");
    assertThat(g.inputSeries().get(0).labels().asMap())
        .containsEntry("__name__", "up")
        .containsEntry("instance", "x");
    assertThat(g.inputSeries().get(0).values()).hasSize(7);
    assertThat(g.alertTests().get(0).expected().get(0).labels())
        .containsEntry("alertname", "Down")
        .containsEntry("job", "a");
    assertThat(g.alertTests().get(0).line()).isEqualTo(12);
    assertThat(g.exprTests().get(0).expected().get(0).labels().asMap()).containsEntry("job", "a");
    assertThat(g.lastEvalTime()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void vmalertToolKeysMakeAVmalertToolFile() {
    TestFileReader.Result r =
        TestFileReader.read(
            FILE,
            """
            rule_files: [r.yml]
            tests:
              - input_series: []
                metricsql_expr_test:
                  - expr: up
                    eval_time: 1m
            """);
    assertThat(r.findings()).isEmpty();
    assertThat(r.file().format()).isEqualTo(TestFile.Format.VMALERT_TOOL);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown key    | 'rule_files: [r.yml]\ntest:\n  - name: x' | 2:1 test.unknown-key unknown key \"test\" in the test file; did you mean \"tests\"?",
        "bad duration   | 'rule_files: [r.yml]\nevaluation_interval: 1x\ntests: []' | 2:22 test.duration evaluation_interval \"1x\"",
        "bad notation   | 'rule_files: [r.yml]\ntests:\n  - input_series:\n      - series: up\n        values: \"1 2 x3\"' | 5:22 test.values cannot read \"x3\"",
        "not a selector | 'rule_files: [r.yml]\ntests:\n  - input_series:\n      - series: rate(up[5m])\n        values: 1' | 4:17 test.series series rate(up[5m]) is not of the form",
        "regex matcher  | 'rule_files: [r.yml]\ntests:\n  - input_series:\n      - series: up{a=~\"b\"}\n        values: 1' | 4:21 test.series series up{a=~\"b\"}: label a uses =~",
        "syntax         | 'rule_files: [r.yml]\ntests:\n  - input_series:\n      - series: \"up{a=}\"\n        values: 1' | 4:23 test.series series up{a=}:",
        "no rule files  | 'tests: []' | 1:1 test.missing no rule_files",
        "no eval_time   | 'rule_files: [r.yml]\ntests:\n  - alert_rule_test:\n      - alertname: A' | 4:9 test.missing test without eval_time",
        "wrong type     | 'rule_files: r.yml\ntests: []' | 1:13 test.type rule_files must be a list",
        "yaml           | 'rule_files: [r.yml\ntests: []' | 2:6 test.yaml not valid YAML",
        "mixed formats  | 'rule_files: [r.yml]\ntests:\n  - promql_expr_test: []\n    metricsql_expr_test: []' | 4:5 test.format \"metricsql_expr_test\" belongs to vmalert-tool's format, but \"promql_expr_test\" at line 3 to promtool's",
        "value number   | 'rule_files: [r.yml]\ntests:\n  - promql_expr_test:\n      - expr: up\n        eval_time: 1m\n        exp_samples:\n          - value: one' | 7:20 test.type value one is not a number",
      })
  void reportsEachProblemWithItsPosition(String name, String yaml, String expected) {
    assertThat(problems(yaml)).anySatisfy(p -> assertThat(p).startsWith(expected));
  }

  @Test
  void reportsAllProblemsInOneRun() {
    List<Finding> findings =
        TestFileReader.read(
                FILE,
                """
                rule_files: [r.yml]
                evaluation_intervall: 1m
                tests:
                  - name: a
                    interval: 1q
                    input_series:
                      - series: up
                        values: 1+
                    alert_rule_test:
                      - eval_time: 1m
                        alertnam: X
                """)
            .findings();
    assertThat(findings).extracting(Finding::line).containsExactlyInAnyOrder(2, 5, 8, 10, 11);
  }
}
