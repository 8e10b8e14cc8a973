package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * A subquery {@code expr[range:step]}. MetricsQL also allows {@code expr[range]} on any expression
 * (an implicit subquery); then {@code colon} is false.
 *
 * @param range null when omitted (MetricsQL: {@code x[:1m]}, {@code x[:]})
 * @param step null when omitted
 */
public record SubqueryExpr(
    Expr expr, Duration range, boolean colon, Duration step, Duration offset, Expr at, Span span)
    implements Expr {
  public SubqueryExpr {
    Objects.requireNonNull(expr);
    Objects.requireNonNull(span);
  }
}
