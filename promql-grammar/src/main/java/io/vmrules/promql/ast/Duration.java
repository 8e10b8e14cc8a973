package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/**
 * A duration in a range, subquery step or offset. {@code millis} may be negative (offsets).
 * MetricsQL step-relative durations ({@code [5i]}) have {@code steps} set and {@code millis} 0. A
 * MetricsQL duration given by a WITH-template name or an expression has {@code expr} set.
 */
public record Duration(long millis, double steps, Expr expr, Span span) {
  public Duration {
    Objects.requireNonNull(span);
  }

  public static Duration ofMillis(long millis) {
    return new Duration(millis, 0, null, Span.NONE);
  }

  public boolean isSteps() {
    return steps != 0;
  }

  public boolean isExpr() {
    return expr != null;
  }
}
