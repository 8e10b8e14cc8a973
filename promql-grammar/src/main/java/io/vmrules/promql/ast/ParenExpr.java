package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/** A parenthesised expression; kept so printing preserves the author's grouping. */
public record ParenExpr(Expr expr, Span span) implements Expr {
  public ParenExpr {
    Objects.requireNonNull(expr);
    Objects.requireNonNull(span);
  }
}
