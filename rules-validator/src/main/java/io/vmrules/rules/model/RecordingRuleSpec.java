package io.vmrules.rules.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A recording rule: the result series are named {@code name}. */
public record RecordingRuleSpec(
    String name, String expr, Map<String, String> labels, SourcePosition position)
    implements RuleSpec {
  public RecordingRuleSpec {
    Objects.requireNonNull(name);
    Objects.requireNonNull(expr);
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
