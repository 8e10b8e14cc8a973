package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.List;
import java.util.Objects;

/** A function call; {@code keepMetricNames} is MetricsQL's {@code f(x) keep_metric_names}. */
public record Call(String name, List<Expr> args, boolean keepMetricNames, Span span)
    implements Expr {
  public Call {
    Objects.requireNonNull(name);
    Objects.requireNonNull(span);
    args = List.copyOf(args);
  }
}
