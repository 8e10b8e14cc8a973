package io.vmrules.promql.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.PromQL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A regex too long to parse cheaply in Java is left to the engine, with a warning, not an error.
 */
class LargeInputTest {
  @Test
  void aHugeRegexIsAWarningNotAnOutOfMemory() {
    String expr = "up{job=~\"" + "(a|b)*".repeat(30_000) + "\"}";
    List<Diagnostic> d = PromQL.check(expr, Dialect.PROMQL).diagnostics();
    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.code()).isEqualTo(DiagnosticCode.REGEX);
              assertThat(x.isError()).isFalse();
              assertThat(x.message()).contains("180000 characters not checked");
            });
  }

  @Test
  void anExpressionOverAMebibyteIsOneErrorWithoutParsing() {
    String expr = "up + ".repeat(PromQL.MAX_CHARS / 5) + "up";
    List<Diagnostic> d = PromQL.check(expr, Dialect.PROMQL).diagnostics();
    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.code()).isEqualTo(DiagnosticCode.TOO_COMPLEX);
              assertThat(x.isError()).isTrue();
              assertThat(x.message()).contains(expr.length() + " characters is too long");
            });
  }

  @Test
  void aMetricsqlQueryOver16KibIsAWarningAndStillChecked() {
    String expr = "up{job=\"" + "a".repeat(17_000) + "\"} + nosuchfunc(up)";
    List<Diagnostic> d = PromQL.check(expr, Dialect.METRICSQL).diagnostics();
    assertThat(d)
        .anySatisfy(
            x -> {
              assertThat(x.code()).isEqualTo(DiagnosticCode.QUERY_LENGTH);
              assertThat(x.isError()).isFalse();
            })
        .anySatisfy(x -> assertThat(x.code()).isEqualTo(DiagnosticCode.UNKNOWN_FUNCTION));
    assertThat(PromQL.check(expr, Dialect.PROMQL).diagnostics())
        .noneSatisfy(x -> assertThat(x.code()).isEqualTo(DiagnosticCode.QUERY_LENGTH));
  }

  @Test
  void aLongButCheckableRegexIsStillChecked() {
    String expr = "up{job=~\"" + "(a|b)*".repeat(1_000) + "(\"}";
    assertThat(PromQL.check(expr, Dialect.PROMQL).diagnostics())
        .anySatisfy(x -> assertThat(x.isError()).isTrue());
  }

  @Test
  void aMistakeRepeatedThousandsOfTimesIsReportedAHundredTimesAndCounted() {
    String expr =
        "x" + "[1m:]".repeat(30_000); // under PromQL each subquery of a subquery is an error
    // on a large stack, as validation runs (the default stack ends in promql.too-complex first)
    List<List<Diagnostic>> out = new java.util.ArrayList<>();
    Thread t =
        new Thread(
            null,
            () -> out.add(PromQL.check(expr, Dialect.PROMQL).diagnostics()),
            "deep",
            1L << 29);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    List<Diagnostic> d = out.get(0);
    assertThat(d).hasSize(io.vmrules.promql.Diagnostics.MAX + 1);
    assertThat(d.get(d.size() - 1).message())
        .endsWith("more problems in this expression are not shown");
    assertThat(d.get(d.size() - 1).isError()).isTrue();
  }
}
