package io.vmrules.promql;

import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.parse.ExpressionParser;
import io.vmrules.promql.types.TypeChecker;

/**
 * Entry point of the compiler: parse and check PromQL/MetricsQL expressions. Stateless and
 * thread-safe. Never throws for user input: every problem is a {@link Diagnostic}.
 */
public final class PromQL {
  private PromQL() {}

  /** Parses {@code text}: syntax and dialect diagnostics only. */
  public static ParseResult parse(String text, Dialect dialect) {
    return compile(text, dialect, false);
  }

  /** Parses and type-checks {@code text}. */
  public static ParseResult check(String text, Dialect dialect) {
    return compile(text, dialect, true);
  }

  private static ParseResult compile(String text, Dialect dialect, boolean typeCheck) {
    Diagnostics diagnostics = new Diagnostics(text);
    try {
      Expr expr =
          ExpressionParser.parse(
              text, dialect, diagnostics, name -> TypeChecker.isAggregation(name, dialect));
      if (expr == null) {
        return new ParseResult(null, null, diagnostics.sorted());
      }
      ValueType type = null;
      if (typeCheck && !diagnostics.hasErrors()) {
        type = new TypeChecker(dialect, diagnostics).check(expr);
      }
      return new ParseResult(expr, diagnostics.hasErrors() ? null : type, diagnostics.sorted());
    } catch (StackOverflowError deep) {
      Diagnostics tooDeep = new Diagnostics(text);
      tooDeep.error(
          DiagnosticCode.TOO_COMPLEX,
          new Span(0, Math.min(text.length(), 1)),
          "expression nests too deeply to compile; split it into recording rules");
      return new ParseResult(null, null, tooDeep.sorted());
    }
  }
}
