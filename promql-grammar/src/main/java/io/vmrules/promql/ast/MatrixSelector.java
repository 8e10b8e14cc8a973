package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * A range-vector selector {@code name{matchers}[range] offset D @ T}; modifiers live on the vector
 * selector.
 */
public record MatrixSelector(VectorSelector selector, Duration range, Span span) implements Expr {
  public MatrixSelector {
    Objects.requireNonNull(selector);
    Objects.requireNonNull(range);
    Objects.requireNonNull(span);
  }
}
