package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * One label filter in a selector: {@code job="api"}. A MetricsQL WITH-template reference inside
 * braces ({@code foo{commonFilters}}) has a null {@code op} and {@code value}. When {@code
 * expression} is true, {@code value} is not a string but MetricsQL's string expression over WITH
 * parameters, as printed ({@code x + "y"}): its value is known only where the template is called.
 */
public record LabelMatcher(String name, MatchOp op, String value, boolean expression, Span span) {
  public LabelMatcher(String name, MatchOp op, String value, Span span) {
    this(name, op, value, false, span);
  }

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
