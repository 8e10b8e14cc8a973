package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.Objects;

/** A string literal, already unescaped. */
public record StringLiteral(String value, Span span) implements Expr {
  public StringLiteral {
    Objects.requireNonNull(value);
    Objects.requireNonNull(span);
  }
}
