package io.vmrules.promql;

import java.util.Objects;

/**
 * One problem found in an expression.
 *
 * @param code stable identifier such as {@code promql.syntax}; tools and suppressions rely on it
 * @param span where in the expression text (character offsets)
 * @param line 1-based line of {@code span.start()} within the expression text
 * @param column 1-based column (in characters) of {@code span.start()} within its line
 */
public record Diagnostic(
    String code, Severity severity, Span span, int line, int column, String message) {
  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
