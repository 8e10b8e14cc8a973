package io.vmrules.promql.ast;

import io.vmrules.promql.Span;

/**
 * A number: {@code 1}, {@code 0x1f}, {@code 1e3}, {@code Inf}, {@code NaN}; MetricsQL {@code 1Ki},
 * {@code 5m}.
 */
public record NumberLiteral(double value, Span span) implements Expr {
  public NumberLiteral {
    java.util.Objects.requireNonNull(span);
  }

  @Override
  public boolean equals(Object o) {
    // NaN literals are equal to each other, unlike double comparison.
    return o instanceof NumberLiteral n && Double.compare(value, n.value) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value);
  }
}
