package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * MetricsQL: {@code offset} and/or {@code @} applied to an expression that is not a selector or
 * subquery.
 */
public record OffsetExpr(Expr expr, Duration offset, Expr at, Span span) implements Expr {
  public OffsetExpr {
    Objects.requireNonNull(expr);
    Objects.requireNonNull(span);
  }
}
