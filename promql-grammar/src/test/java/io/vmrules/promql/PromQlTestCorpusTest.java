package io.vmrules.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.print.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Judged by Prometheus' own tests: the 1.8k expressions its engine test files evaluate compile here
 * without an error, and print back to the same tree. Inputs written by others find what a table of
 * our own cannot (info()'s label selectors, duration expressions, the trim operators).
 */
class PromQlTestCorpusTest {
  @Test
  void everyExpressionPrometheusEvaluatesCompilesAndPrintsBack() throws IOException {
    List<String> expressions = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("prometheus-promqltest.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          expressions.add(line);
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (String e : expressions) {
      ParseResult result = PromQL.check(e, Dialect.PROMQL);
      if (result.hasErrors()) {
        problems.add(e + "  →  " + result.diagnostics().get(0).message());
        continue;
      }
      String printed = Printer.canonical(result.expr());
      ParseResult again = PromQL.parse(printed, Dialect.PROMQL);
      if (again.hasErrors() || !again.expr().equals(result.expr())) {
        problems.add(e + "  prints as  " + printed);
      }
    }
    assertThat(expressions).hasSizeGreaterThan(1820);
    assertThat(problems).isEmpty();
  }
}
