package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * {@code lhs op [bool] [on|ignoring(…) [group_left|group_right(…)]] [fill…] rhs}.
 *
 * @param matching null when no modifier is given
 * @param keepMetricNames MetricsQL {@code (a + b) keep_metric_names}
 * @param fill Prometheus' experimental {@code fill(v)}, {@code fill_left(v)}, {@code
 *     fill_right(v)}: the value of a missing match on either side; null when absent
 */
public record BinaryExpr(
    BinaryOp op,
    Expr lhs,
    Expr rhs,
    boolean returnBool,
    VectorMatching matching,
    boolean keepMetricNames,
    Fill fill,
    Span span)
    implements Expr {
  /** The values filled in for a series missing on the left or the right; null where none is. */
  public record Fill(Double left, Double right) {}

  public BinaryExpr {
    Objects.requireNonNull(op);
    Objects.requireNonNull(lhs);
    Objects.requireNonNull(rhs);
    Objects.requireNonNull(span);
  }

  public BinaryExpr(
      BinaryOp op,
      Expr lhs,
      Expr rhs,
      boolean returnBool,
      VectorMatching matching,
      boolean keepMetricNames,
      Span span) {
    this(op, lhs, rhs, returnBool, matching, keepMetricNames, null, span);
  }
}
