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
  public static final SourcePosition POS = new SourcePosition("test.yml", 1, 1);

  private Specs() {}

  public static AlertingRuleSpec alert(String name, String expr, Duration forDuration) {
    return new AlertingRuleSpec(name, expr, forDuration, Duration.ZERO, Map.of(), Map.of(), at(1));
  }

  public static AlertingRuleSpec alert(
      String name,
      String expr,
      Duration forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return new AlertingRuleSpec(name, expr, forDuration, Duration.ZERO, labels, annotations, at(1));
  }

  public static AlertingRuleSpec alert(
      String name,
      String expr,
      Duration forDuration,
      Duration keepFiringFor,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return new AlertingRuleSpec(name, expr, forDuration, keepFiringFor, labels, annotations, POS);
  }

  public static RecordingRuleSpec record(String name, String expr) {
    return new RecordingRuleSpec(name, expr, Map.of(), at(1));
  }

  public static RecordingRuleSpec record(String name, String expr, Map<String, String> labels) {
    return new RecordingRuleSpec(name, expr, labels, POS);
  }

  public static GroupSpec group(String name, RuleSpec... rules) {
    return group(name, null, 0, 1, Map.of(), rules);
  }

  public static GroupSpec group(String file, String name, Duration interval, RuleSpec... rules) {
    return new GroupSpec(
        file,
        name,
        interval,
        0,
        1,
        null,
        null,
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        List.of(rules),
        new SourcePosition(file, 1, 1));
  }

  public static GroupSpec group(
      String name,
      Duration interval,
      int limit,
      int concurrency,
      Map<String, String> labels,
      RuleSpec... rules) {
    return new GroupSpec(
        "test.yml",
        name,
        interval,
        limit,
        concurrency,
        null,
        null,
        labels,
        Map.of(),
        Map.of(),
        null,
        List.of(rules),
        POS);
  }

  /** {@code g} with a query offset, group params and a header. */
  public static GroupSpec withQueryOffset(GroupSpec g, Duration offset) {
    return new GroupSpec(
        g.file(),
        g.name(),
        g.interval(),
        g.limit(),
        g.concurrency(),
        g.evalOffset(),
        offset,
        g.labels(),
        Map.of("nocache", List.of("1")),
        Map.of("X-Tenant", "a"),
        g.type(),
        g.rules(),
        g.position());
  }

  private static SourcePosition at(int line) {
    return new SourcePosition("rules.yml", line, 3);
  }
}
