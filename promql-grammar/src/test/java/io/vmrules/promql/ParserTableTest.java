package io.vmrules.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.print.Printer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tables in valid.txt and invalid.txt, with the print/re-parse round trip built in. */
class ParserTableTest {

  static Stream<Arguments> valid() {
    return CaseFile.read("valid.txt", 1).stream().map(c -> Arguments.of(c));
  }

  static Stream<Arguments> invalid() {
    return CaseFile.read("invalid.txt", 3).stream().map(c -> Arguments.of(c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validExpressionsCompileAndRoundTrip(CaseFile.Case c) {
    List<Dialect> accepting =
        switch (c.column(0)) {
          case "B" -> List.of(Dialect.PROMQL, Dialect.METRICSQL);
          case "P" -> List.of(Dialect.PROMQL);
          default -> List.of(Dialect.METRICSQL);
        };
    for (Dialect dialect : accepting) {
      ParseResult result = PromQL.check(c.expression(), dialect);
      assertThat(result.diagnostics())
          .as("%s in %s", c.expression(), dialect)
          .allSatisfy(
              d ->
                  assertThat(d.code())
                      .isIn(DiagnosticCode.NEWER_SYNTAX, DiagnosticCode.EXPERIMENTAL));
      assertRoundTrip(result.expr(), dialect);
    }
    if (c.column(0).equals("M")) {
      ParseResult promql = PromQL.check(c.expression(), Dialect.PROMQL);
      assertThat(promql.hasErrors()).as("PromQL must reject %s", c.expression()).isTrue();
    }
    if (c.column(0).equals("P")) {
      ParseResult metricsql = PromQL.check(c.expression(), Dialect.METRICSQL);
      assertThat(metricsql.hasErrors()).as("MetricsQL must reject %s", c.expression()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidExpressionsReportCodeAndPosition(CaseFile.Case c) {
    List<Dialect> dialects =
        switch (c.column(0)) {
          case "P" -> List.of(Dialect.PROMQL);
          case "M" -> List.of(Dialect.METRICSQL);
          default -> List.of(Dialect.PROMQL, Dialect.METRICSQL);
        };
    for (Dialect dialect : dialects) {
      ParseResult result = PromQL.check(c.expression(), dialect);
      assertThat(result.hasErrors())
          .as("%s must be rejected in %s", c.expression(), dialect)
          .isTrue();
      Diagnostic first =
          result.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
      assertThat(first.code() + " " + first.line() + ":" + first.column())
          .as("%s in %s: %s", c.expression(), dialect, first.message())
          .isEqualTo(c.column(1) + " " + c.column(2));
      assertThat(first.message()).isNotBlank();
    }
  }

  static Stream<Arguments> prometheusParserCases() {
    return CaseFile.read("prometheus-parser.txt", 1).stream().map(c -> Arguments.of(c));
  }

  /**
   * Prometheus' own parser tests (all 351 inputs that are text): what it parses we accept (with
   * warnings only about versions and feature flags) and print back, what it refuses we refuse.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("prometheusParserCases")
  void prometheusParserCasesAgreeWithPrometheus(CaseFile.Case c) {
    ParseResult result = assertEngineVerdict(c, Dialect.PROMQL);
    if (result.expr() != null && c.column(0).equals("O")) {
      assertThat(result.diagnostics())
          .allSatisfy(
              d ->
                  assertThat(d.code())
                      .isIn(DiagnosticCode.NEWER_SYNTAX, DiagnosticCode.EXPERIMENTAL));
    }
  }

  static Stream<Arguments> metricsqlParserCases() {
    return CaseFile.read("metricsql-parser.txt", 1).stream().map(c -> Arguments.of(c));
  }

  /**
   * VictoriaMetrics' own parser tests (metricsql's parser_test.go): what it parses we accept and
   * print back, what it refuses we refuse; the file's R and N lines are the differences we know.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("metricsqlParserCases")
  void metricsqlParserCasesAgreeWithVictoriaMetrics(CaseFile.Case c) {
    assertEngineVerdict(c, Dialect.METRICSQL);
  }

  /** O: accepted and printed back; any other verdict: refused. */
  private static ParseResult assertEngineVerdict(CaseFile.Case c, Dialect dialect) {
    ParseResult result = PromQL.check(c.expression(), dialect);
    if (c.column(0).equals("O")) {
      assertThat(result.diagnostics()).as("%s", c.expression()).noneMatch(Diagnostic::isError);
      assertRoundTrip(result.expr(), dialect);
    } else {
      assertThat(result.hasErrors()).as("%s must be rejected", c.expression()).isTrue();
    }
    return result;
  }

  @org.junit.jupiter.api.Test
  void nestingIsBoundedWithAClearError() {
    int max = io.vmrules.promql.parse.ExpressionParser.MAX_NESTING;
    String deepest = "(".repeat(max) + "up" + ")".repeat(max);
    assertThat(PromQL.check(deepest, Dialect.PROMQL).diagnostics()).isEmpty();
    String tooDeep = "(".repeat(50_000) + "up" + ")".repeat(50_000);
    Diagnostic error = PromQL.check(tooDeep, Dialect.PROMQL).diagnostics().get(0);
    assertThat(error.code()).isEqualTo(DiagnosticCode.TOO_COMPLEX);
    assertThat(error.column()).isEqualTo(max + 1);
  }

  static void assertRoundTrip(Expr expr, Dialect dialect) {
    String canonical = Printer.canonical(expr);
    ParseResult again = PromQL.parse(canonical, dialect);
    assertThat(again.diagnostics()).as("re-parse of %s", canonical).noneMatch(Diagnostic::isError);
    assertThat(again.expr()).as("canonical %s", canonical).isEqualTo(expr);
    assertThat(Printer.canonical(again.expr())).isEqualTo(canonical);
    String pretty = Printer.pretty(expr);
    ParseResult prettyAgain = PromQL.parse(pretty, dialect);
    assertThat(prettyAgain.diagnostics())
        .as("re-parse of pretty %s", pretty)
        .noneMatch(Diagnostic::isError);
    assertThat(prettyAgain.expr()).as("pretty %s", pretty).isEqualTo(expr);
    // In the dialect's own form (MetricsQL: no quoted names, which VictoriaMetrics 1.79 refuses).
    String own = Printer.canonical(expr, dialect);
    ParseResult ownAgain = PromQL.parse(own, dialect);
    assertThat(ownAgain.diagnostics()).as("re-parse of %s", own).noneMatch(Diagnostic::isError);
    assertThat(ownAgain.expr()).as("%s form %s", dialect, own).isEqualTo(expr);
  }
}
