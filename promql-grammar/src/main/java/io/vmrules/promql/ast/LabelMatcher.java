package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * One label filter in a selector: {@code job="api"}. A MetricsQL WITH-template reference inside
 * braces ({@code foo{commonFilters}}) has a null {@code op} and {@code value}.
 */
public record LabelMatcher(String name, MatchOp op, String value, Span span) {
  public LabelMatcher {
    Objects.requireNonNull(name);
    Objects.requireNonNull(span);
    if ((op == null) != (value == null)) {
      throw new IllegalArgumentException("op and value go together");
    }
  }

  public static LabelMatcher of(String name, MatchOp op, String value) {
    return new LabelMatcher(name, op, value, Span.NONE);
  }

  public boolean isTemplateReference() {
    return op == null;
  }
}
