package io.vmrules.rules.eval;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.model.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small builders for rule and group specs in tests. */
final class Specs {
  static final SourcePosition POS = new SourcePosition("test.yml", 1, 1);

  private Specs() {}

  static AlertingRuleSpec alert(String name, String expr, Duration forDuration) {
    return alert(name, expr, forDuration, Duration.ZERO, Map.of(), Map.of());
  }

  static AlertingRuleSpec alert(
      String name, String expr, Duration forDuration, Duration keepFiringFor,
      Map<String, String> labels, Map<String, String> annotations) {
    return new AlertingRuleSpec(name, expr, forDuration, keepFiringFor, labels, annotations, POS);
  }

  static RecordingRuleSpec record(String name, String expr, Map<String, String> labels) {
    return new RecordingRuleSpec(name, expr, labels, POS);
  }

  static GroupSpec group(String name, RuleSpec... rules) {
    return group(name, null, 0, 1, Map.of(), rules);
  }

  static GroupSpec group(
      String name, Duration interval, int limit, int concurrency, Map<String, String> labels,
      RuleSpec... rules) {
    return new GroupSpec(
        "test.yml", name, interval, limit, concurrency, null, null, labels, Map.of(), Map.of(),
        null, List.of(rules), POS);
  }

  static GroupSpec withQueryOffset(GroupSpec g, Duration offset) {
    return new GroupSpec(
        g.file(), g.name(), g.interval(), g.limit(), g.concurrency(), g.evalOffset(), offset,
        g.labels(), Map.of("nocache", List.of("1")), Map.of("X-Tenant", "a"), g.type(), g.rules(),
        g.position());
  }
}
