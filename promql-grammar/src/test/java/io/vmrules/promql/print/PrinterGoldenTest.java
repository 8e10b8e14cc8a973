package io.vmrules.promql.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.CaseFile;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.ast.Expr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The printer's output for every expression of valid.txt, against a golden file. Each block: the
 * case as it stands in valid.txt (dialect, tab, expression; continuation lines start with a tab),
 * then {@code canonical: } and {@link Printer#canonical}, then {@link Printer#pretty} with every
 * line indented by two spaces; blocks are separated by a blank line.
 *
 * <p>The golden file is compared byte for byte; {@code -Dgolden.update=true} rewrites it (review
 * the diff). Maven runs the tests from the module directory, so the path is relative to it.
 */
class PrinterGoldenTest {
  private static final Path GOLDEN =
      Path.of("src/test/resources/io/vmrules/promql/print/printer.golden");

  private static final String REGENERATE =
      "mvn -B -o -pl promql-grammar test -Dtest=PrinterGoldenTest -Dgolden.update=true";

  static List<CaseFile.Case> cases() {
    return CaseFile.read("valid.txt", 1);
  }

  static Stream<Arguments> valid() {
    return cases().stream().map(Arguments::of);
  }

  /** B and P cases are printed from their PromQL tree, M cases from their MetricsQL tree. */
  static Expr parse(CaseFile.Case c) {
    Dialect dialect = c.column(0).equals("M") ? Dialect.METRICSQL : Dialect.PROMQL;
    ParseResult result = PromQL.check(c.expression(), dialect);
    assertThat(result.diagnostics())
        .as("valid.txt:%d %s in %s", c.lineNumber(), c.expression(), dialect)
        .noneMatch(io.vmrules.promql.Diagnostic::isError);
    return result.expr();
  }

  static String render(List<CaseFile.Case> cases) {
    StringBuilder out = new StringBuilder();
    for (CaseFile.Case c : cases) {
      Expr expr = parse(c);
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(c.column(0))
          .append('\t')
          .append(c.expression().replace("\n", "\n\t"))
          .append('\n');
      out.append("canonical: ").append(Printer.canonical(expr)).append('\n');
      for (String line : Printer.pretty(expr).split("\n", -1)) {
        out.append("  ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void printedFormsMatchTheGoldenFile() throws IOException {
    String actual = render(cases());
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(GOLDEN)
        .as("golden file %s is missing; generate it with: %s", GOLDEN.toAbsolutePath(), REGENERATE)
        .exists();
    String expected = Files.readString(GOLDEN, StandardCharsets.UTF_8);
    assertThat(actual)
        .as(
            "printer output differs from %s; if the change is intended, regenerate with: %s and review the diff",
            GOLDEN, REGENERATE)
        .isEqualTo(expected);
  }

  /**
   * Properties the golden file only shows by example: canonical is one line; pretty keeps the
   * canonical form whenever it fits in {@link Printer#WIDTH} (so every short expression prints the
   * same both ways); and pretty only ever changes the layout, never the tokens (no parenthesis
   * added or dropped), so the two agree once whitespace is removed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void canonicalIsOneLineAndPrettyOnlyBreaksLongLines(CaseFile.Case c) {
    Expr expr = parse(c);
    String canonical = Printer.canonical(expr);
    String pretty = Printer.pretty(expr);
    assertThat(canonical).as("canonical of %s", c.expression()).doesNotContain("\n");
    if (canonical.length() <= Printer.WIDTH) {
      assertThat(pretty)
          .as("pretty of %s, which fits in %d columns", canonical, Printer.WIDTH)
          .isEqualTo(canonical);
    }
    assertThat(pretty.replaceAll("\\s", ""))
        .as("pretty of %s, whitespace removed", canonical)
        .isEqualTo(canonical.replaceAll("\\s", ""));
  }
}
