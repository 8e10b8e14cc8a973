package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.List;
import java.util.Objects;

/** MetricsQL {@code WITH (name = expr, f(a, b) = expr, …) body}. */
public record WithExpr(List<Definition> definitions, Expr body, Span span) implements Expr {
  /** One template: {@code name(params) = value}; params empty for a plain name. */
  public record Definition(String name, List<String> params, Expr value, Span span) {
    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(value);
      Objects.requireNonNull(span);
      params = List.copyOf(params);
    }
  }

  public WithExpr {
    Objects.requireNonNull(body);
    Objects.requireNonNull(span);
    definitions = List.copyOf(definitions);
  }
}
