package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Positions inside double-quoted scalars count an escape as the characters it is written with. */
class EscapeColumnsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\\u0075p + )|26", // the ')' after a \\u escape (reported 4 columns early once)
        "\\x75p + )|24",
        "\\U00000075p + )|30",
        "up + \\t)|23",
        "\\u00e9 + )|16", // é is no PromQL character: reported at its escape
      })
  void aSyntaxErrorAfterAnEscapeIsReportedWhereItIsWritten(String expr, int column)
      throws Exception {
    String yaml =
        "groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: \"" + expr + "\"\n";
    Finding f =
        new Validation(Validation.Options.of(Dialect.METRICSQL))
                .validate(Map.of("f.yml", yaml.getBytes(StandardCharsets.UTF_8)))
                .report()
                .findings()
                .stream()
                .filter(x -> x.code().startsWith("promql."))
                .findFirst()
                .orElseThrow();
    assertThat(f.line()).isEqualTo(5);
    assertThat(f.column()).as(f.message()).isEqualTo(column);
  }
}
