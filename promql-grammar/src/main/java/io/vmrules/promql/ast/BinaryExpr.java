package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * {@code lhs op [bool] [on|ignoring(…) [group_left|group_right(…)]] rhs}.
 *
 * @param matching null when no modifier is given
 * @param keepMetricNames MetricsQL {@code (a + b) keep_metric_names}
 */
public record BinaryExpr(
    BinaryOp op,
    Expr lhs,
    Expr rhs,
    boolean returnBool,
    VectorMatching matching,
    boolean keepMetricNames,
    Span span)
    implements Expr {
  public BinaryExpr {
    Objects.requireNonNull(op);
    Objects.requireNonNull(lhs);
    Objects.requireNonNull(rhs);
    Objects.requireNonNull(span);
  }
}
