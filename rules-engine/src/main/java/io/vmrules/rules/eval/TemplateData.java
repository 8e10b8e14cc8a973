package io.vmrules.rules.eval;

import java.util.Map;

/**
 * What an annotation or label template sees: {@code $labels}, {@code $value}, {@code
 * $externalLabels}, {@code $externalURL}, and the rule's expression ({@code $expr} in vmalert).
 */
public record TemplateData(
    Labels labels, double value, Map<String, String> externalLabels, String externalURL, String expr) {
  public TemplateData {
    externalLabels = Map.copyOf(externalLabels);
    externalURL = externalURL == null ? "" : externalURL;
    expr = expr == null ? "" : expr;
  }
}
