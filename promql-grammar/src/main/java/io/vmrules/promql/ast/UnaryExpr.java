package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/** {@code -expr} or {@code +expr}. */
public record UnaryExpr(boolean negative, Expr expr, Span span) implements Expr {
  public UnaryExpr {
    Objects.requireNonNull(expr);
    Objects.requireNonNull(span);
  }
}
