package io.vmrules.rules.testing;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.model.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Rule and group specs for tests, without going through YAML. */
public final class Specs {
  private Specs() {}

  public static AlertingRuleSpec alert(String name, String expr, Duration forDuration) {
    return new AlertingRuleSpec(name, expr, forDuration, Duration.ZERO, Map.of(), Map.of(), at(1));
  }

  public static AlertingRuleSpec alert(
      String name, String expr, Duration forDuration, Map<String, String> labels, Map<String, String> annotations) {
    return new AlertingRuleSpec(name, expr, forDuration, Duration.ZERO, labels, annotations, at(1));
  }

  public static RecordingRuleSpec record(String name, String expr) {
    return new RecordingRuleSpec(name, expr, Map.of(), at(1));
  }

  public static GroupSpec group(String file, String name, Duration interval, RuleSpec... rules) {
    return new GroupSpec(
        file, name, interval, 0, 1, null, null, Map.of(), Map.of(), Map.of(), null, List.of(rules),
        new SourcePosition(file, 1, 1));
  }

  private static SourcePosition at(int line) {
    return new SourcePosition("rules.yml", line, 3);
  }
}
