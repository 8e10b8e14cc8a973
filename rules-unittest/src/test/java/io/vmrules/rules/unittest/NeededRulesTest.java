package io.vmrules.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.unittest.TestFile.AlertTest;
import io.vmrules.rules.unittest.TestFile.ExprTest;
import io.vmrules.rules.unittest.TestFile.TestGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeededRulesTest {
  private static final SourcePosition AT = new SourcePosition("r.yml", 1, 1);

  private static RuleSpec record(String name, String expr) {
    return new RecordingRuleSpec(name, expr, Map.of(), AT);
  }

  private static RuleSpec alert(String name, String expr, String summary) {
    return new AlertingRuleSpec(
        name, expr, Duration.ZERO, Duration.ZERO, Map.of(), Map.of("summary", summary), AT);
  }

  private static final List<GroupSpec> GROUPS =
      List.of(
          group(
              "a",
              record("job:x:sum", "sum by (job) (x)"),
              record("job:x:double", "job:x:sum * 2"),
              record("job:y:sum", "sum by (job) (y)"),
              alert("XHigh", "job:x:double > 10", "{{ $value }}"),
              alert("YHigh", "job:y:sum > 1", "y")),
          group("b", alert("XHigh", "x > 100", "x"), alert("Other", "z > 1", "z")));

  private static GroupSpec group(String name, RuleSpec... rules) {
    return new GroupSpec(
        "r.yml",
        name,
        null,
        0,
        1,
        null,
        null,
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        List.of(rules),
        AT);
  }

  private static TestGroup test(List<AlertTest> alerts, List<ExprTest> exprs) {
    return new TestGroup(
        "t",
        1,
        TestFileReader.DEFAULT_START,
        Duration.ofMinutes(1),
        List.of(),
        alerts,
        exprs,
        Map.of(),
        "");
  }

  private static List<String> names(List<GroupSpec> groups) {
    return groups.stream()
        .flatMap(g -> g.rules().stream().map(r -> g.name() + "/" + r.name()))
        .toList();
  }

  @Test
  void anAlertTestKeepsTheAlertEverywhereAndWhatItReadsTransitively() {
    AlertTest a = new AlertTest(Duration.ofMinutes(5), "XHigh", null, List.of(), 1);
    assertThat(names(NeededRules.of(GROUPS, test(List.of(a), List.of()))))
        .containsExactly("a/job:x:sum", "a/job:x:double", "a/XHigh", "b/XHigh");
  }

  @Test
  void anExpressionTestKeepsTheRecordingRulesItReads() {
    ExprTest e = new ExprTest("job:y:sum > 0", Duration.ofMinutes(1), List.of(), 1);
    assertThat(names(NeededRules.of(GROUPS, test(List.of(), List.of(e)))))
        .containsExactly("a/job:y:sum");
  }

  @Test
  void alertsOrNameSelectorsKeepEveryRule() {
    for (String expr : List.of("ALERTS", "{__name__=~\"job:.*\"}")) {
      ExprTest e = new ExprTest(expr, Duration.ofMinutes(1), List.of(), 1);
      assertThat(NeededRules.of(GROUPS, test(List.of(), List.of(e)))).isEqualTo(GROUPS);
    }
  }
}
