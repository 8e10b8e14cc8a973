package io.vmrules.rules.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A rule with what validation needs beside its spec: where its expression and templates stand in
 * the file, and the lint codes disabled for it by a {@code # rules: disable CODE} comment.
 */
public record LoadedRule(
    RuleSpec spec,
    TextPositions expr,
    Map<String, TextPositions> labels,
    Map<String, TextPositions> annotations,
    Set<String> disabled) {
  public LoadedRule {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(expr);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    disabled = Set.copyOf(disabled);
  }
}
