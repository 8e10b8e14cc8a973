package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation {@code op [by|without (…)] (params…, expr) [limit N]}.
 *
 * @param args parameters first, the aggregated expression last (MetricsQL allows several)
 * @param grouping null when absent
 * @param limit MetricsQL {@code limit N}; 0 when absent
 */
public record AggregateExpr(String op, List<Expr> args, Grouping grouping, long limit, Span span)
    implements Expr {
  public AggregateExpr {
    Objects.requireNonNull(op);
    Objects.requireNonNull(span);
    args = List.copyOf(args);
  }
}
