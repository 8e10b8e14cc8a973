package io.vmrules.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.StringLiteral;
import io.vmrules.promql.print.Printer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * String literals are Go byte strings: escaped bytes decode as UTF-8 where they are UTF-8, and the
 * rest is kept, printed back as bytes and refused where Prometheus refuses it (its test files:
 * {@code count_values("a\xc5z", version)} and {@code label_replace(testmetric, "\xff", …)} fail).
 */
class GoStringsTest {
  private static String value(String literal) {
    ParseResult r = PromQL.check("count_values(" + literal + ", up)", Dialect.METRICSQL);
    assertThat(r.hasErrors()).as(literal).isFalse();
    return ((StringLiteral) ((AggregateExpr) r.expr()).args().get(0)).value();
  }

  @Test
  void escapedBytesAreUtf8WhereTheyAreUtf8() {
    assertThat(value("\"caf\\xc3\\xa9\"")).isEqualTo("café");
    assertThat(value("\"caf\\303\\251\"")).isEqualTo("café");
    assertThat(value("'\\xe2\\x82\\xac'")).isEqualTo("€");
    assertThat(value("\"\\xf0\\x9f\\x98\\x80!\"")).isEqualTo("😀!");
    assertThat(value("\"\\x41\\u00e9\\x42\"")).isEqualTo("Aé" + "B");
    assertThat(GoStrings.isValidUtf8(value("\"caf\\xc3\\xa9\""))).isTrue();
  }

  @Test
  void bytesThatAreNotUtf8AreKeptAndPrintBack() {
    for (String literal :
        List.of(
            "\"\\xff\"",
            "\"a\\xc5z\"",
            "\"\\xc3\"",
            "\"\\xed\\xa0\\x80\"", // a surrogate: not UTF-8
            "\"\\xc0\\xaf\"", // overlong
            "\"\\xf4\\x90\\x80\\x80\"", // above U+10FFFF
            "\"\\xe2\\x82\"")) { // truncated
      String v = value(literal);
      assertThat(GoStrings.isValidUtf8(v)).as(literal).isFalse();
      String printed =
          Printer.canonical(
              PromQL.check("count_values(" + literal + ", up)", Dialect.METRICSQL).expr());
      assertThat(value(printed.substring("count_values(".length(), printed.indexOf(", up"))))
          .as(literal + " printed " + printed)
          .isEqualTo(v);
    }
    assertThat(value("\"a\\xc5z\"")).isEqualTo("a" + GoStrings.escapedByte(0xc5) + "z");
  }

  /** Java's decoder, strict, is the reference for what valid UTF-8 is. */
  @Test
  void decodingAgreesWithJavasStrictDecoderOnRandomBytes() throws Exception {
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[1 + random.nextInt(6)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
      }
      StringBuilder out = new StringBuilder();
      GoStrings.decodeUtf8(bytes, bytes.length, out);
      boolean valid;
      String strict = null;
      try {
        strict =
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        valid = true;
      } catch (java.nio.charset.CharacterCodingException e) {
        valid = false;
      }
      assertThat(GoStrings.isValidUtf8(out.toString()))
          .as("%s", java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(valid);
      if (valid) {
        assertThat(out.toString()).isEqualTo(strict);
      }
    }
  }

  private static List<Diagnostic> labelWarnings(String expr, Dialect dialect) {
    ParseResult r = PromQL.check(expr, dialect);
    assertThat(r.hasErrors()).as(expr).isFalse();
    return r.diagnostics().stream()
        .filter(d -> d.code().equals(DiagnosticCode.LABEL_NAME))
        .toList();
  }

  @Test
  void labelNamesPrometheusRefusesWhenTheQueryRunsAreWarnings() {
    record Case(String expr, int column) {}
    for (Case c :
        List.of(
            new Case("count_values(\"a\\xc5z\", version)", 14),
            new Case("count_values(\"\", version)", 14),
            new Case("label_replace(testmetric, \"\\xff\", \"\", \"src\", \"(.*)\")", 27),
            new Case("label_replace(x, \"\", \"a\", \"b\", \"c\")", 18),
            new Case("label_join(x, \"\", \",\", \"a\")", 15),
            new Case("label_join(x, \"d\", \",\", \"a\", \"\\xff\")", 30))) {
      List<Diagnostic> found = labelWarnings(c.expr(), Dialect.PROMQL);
      assertThat(found).as(c.expr()).hasSize(1);
      assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
      assertThat(found.get(0).column()).as(c.expr()).isEqualTo(c.column());
      assertThat(found.get(0).message()).contains("Prometheus fails every evaluation");
      // VictoriaMetrics takes any name (checked against victoria-metrics 1.79)
      assertThat(labelWarnings(c.expr(), Dialect.METRICSQL)).as(c.expr()).isEmpty();
    }
    for (String fine :
        List.of(
            "count_values(\"caf\\xc3\\xa9\", version)",
            "count_values(\"a b\", version)", // Prometheus 3 takes any UTF-8 name
            "label_replace(x, \"dst\", \"\", \"\", \"\")")) {
      assertThat(labelWarnings(fine, Dialect.PROMQL)).as(fine).isEmpty();
    }
  }

  @Test
  void aRegexThatIsNotUtf8IsAnError() {
    for (Dialect dialect : Dialect.values()) {
      ParseResult r = PromQL.check("up{job=~\"a\\xff\"}", dialect);
      assertThat(r.diagnostics())
          .anySatisfy(
              d -> {
                assertThat(d.code()).isEqualTo(DiagnosticCode.REGEX);
                assertThat(d.message()).contains("invalid UTF-8");
              });
    }
  }
}
