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
class LongRegexTest {
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
  void aLongButCheckableRegexIsStillChecked() {
    String expr = "up{job=~\"" + "(a|b)*".repeat(1_000) + "(\"}";
    assertThat(PromQL.check(expr, Dialect.PROMQL).diagnostics())
        .anySatisfy(x -> assertThat(x.isError()).isTrue());
  }
}
