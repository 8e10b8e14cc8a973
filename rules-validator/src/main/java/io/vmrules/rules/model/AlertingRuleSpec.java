package io.vmrules.rules.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An alerting rule; {@code forDuration} and {@code keepFiringFor} are zero when absent. */
public record AlertingRuleSpec(
    String name,
    String expr,
    Duration forDuration,
    Duration keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    SourcePosition position)
    implements RuleSpec {
  public AlertingRuleSpec {
    Objects.requireNonNull(name);
    Objects.requireNonNull(expr);
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
