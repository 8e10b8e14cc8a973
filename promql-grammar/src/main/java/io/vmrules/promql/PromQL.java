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

  /**
   * Longest expression we compile: memory grows with the input (about 300 bytes per character of "a
   * + a + …"), and no engine runs such a query by default (VictoriaMetrics refuses queries over 16
   * KiB). Larger input is one clear error, never an out-of-memory.
   */
  public static final int MAX_CHARS = 1 << 20;

  /** VictoriaMetrics' default {@code -search.maxQueryLen}, in bytes. */
  static final int VICTORIAMETRICS_MAX_QUERY_LEN = 16 * 1024;

  private static ParseResult compile(String text, Dialect dialect, boolean typeCheck) {
    Diagnostics diagnostics = new Diagnostics(text);
    if (text.length() > MAX_CHARS) {
      diagnostics.error(
          DiagnosticCode.TOO_COMPLEX,
          new Span(0, 1),
          "expression of "
              + text.length()
              + " characters is too long to check (at most "
              + MAX_CHARS
              + "); split it into recording rules");
      return new ParseResult(null, null, diagnostics.sorted());
    }
    int bytes = dialect == Dialect.METRICSQL ? utf8Length(text) : 0;
    if (bytes > VICTORIAMETRICS_MAX_QUERY_LEN) {
      diagnostics.warning(
          DiagnosticCode.QUERY_LENGTH,
          new Span(0, 1),
          "expression of "
              + bytes
              + " bytes: VictoriaMetrics refuses queries over 16 KiB unless vmselect runs with a"
              + " larger -search.maxQueryLen");
    }
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

  private static int utf8Length(String text) {
    if (text.length() * 3 <= VICTORIAMETRICS_MAX_QUERY_LEN) {
      return text.length(); // cannot exceed the limit: skip the count
    }
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
