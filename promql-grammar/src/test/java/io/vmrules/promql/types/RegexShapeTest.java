package io.vmrules.promql.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.PromQL;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regex matchers within Go's limits (what promtool 2.42 answers, measured) and in linear time and
 * memory: re2j alone ran out of memory on nested repetitions and on thousands of capturing groups.
 */
class RegexShapeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        // pattern; Go's complaint, empty when promtool accepts it
        "(a{10}){100};",
        "(a{10}){101};invalid repeat count: `{101}`",
        "(a{1000}){1000};invalid repeat count: `{1000}`",
        "((a{1000}){1000}){1000};invalid repeat count: `{1000}`",
        "(a{2,}){501};invalid repeat count: `{501}`",
        "(a{0}){1000};",
        "a{1000}b{1000};",
        "\\{1000}{1000};",
        "[{]{1000}x{1000};",
        "(?:a{10}|b{100}){10};",
        "(?:a{10}|b{101}){10};invalid repeat count: `{10}`",
      })
  void repetitionsMultiplyAsInGo(String pattern, String error) {
    assertThat(RegexShape.of(pattern).error()).isEqualTo(error);
  }

  @Test
  void capturingGroupsNestAsDeepAsGoAllows() {
    assertThat(RegexShape.of(nested("(", 998)).error()).isNull();
    assertThat(RegexShape.of(nested("(", 999)).error()).isEqualTo("expression nests too deeply");
    assertThat(RegexShape.of(nested("(?P<n>", 999)).error())
        .isEqualTo("expression nests too deeply");
    assertThat(RegexShape.of(nested("(?:", 5000)).error()).isNull(); // no tree nodes in Go
  }

  @Test
  void theCopyWithoutCapturesMatchesTheSameStrings() {
    Random random = new Random(7);
    String[] pieces = {
      "(",
      ")",
      "(?:",
      "(?P<x>",
      "(?i)",
      "a",
      "b",
      "|",
      "*",
      "+",
      "?",
      "{2}",
      "{0,1}",
      "[()]",
      "[^a]",
      "\\(",
      "\\Q(a\\E",
      ".",
      "^",
      "$",
      "[]a]",
      "[[:alpha:]]",
      "\\pL",
      "\\p{Greek}",
      "\\x{41}"
    };
    String[] inputs = {"", "a", "b", "ab", "(", "(a", "aa", "A", "ba", "]"};
    int compared = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder p = new StringBuilder();
      for (int i = random.nextInt(8); i >= 0; i--) {
        p.append(pieces[random.nextInt(pieces.length)]);
      }
      Pattern original;
      try {
        original = Pattern.compile(p.toString());
      } catch (RuntimeException e) {
        continue;
      }
      Pattern copy = Pattern.compile(RegexShape.of(p.toString()).withoutCaptures());
      assertThat(copy.groupCount()).as(p.toString()).isZero();
      for (String in : inputs) {
        assertThat(copy.matches(in))
            .as("%s on %s", p.toString(), in)
            .isEqualTo(original.matches(in));
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(2_000);
  }

  @Test
  void manyCapturingGroupsCompileInLinearMemory() throws Exception {
    // 2,700 groups, just under the 16 KiB longer regexes are left to the engine with a warning:
    // re2j's matcher needed 6 GB at 30,000 (with the cap lifted); promtool takes those in 0.2 s.
    // re2j recurses once per optional piece: on a large stack, as validation runs.
    String groups = "(a|b)*".repeat(2_700);
    List<List<Diagnostic>> found = new java.util.ArrayList<>();
    Thread t =
        new Thread(
            null,
            () -> {
              found.add(PromQL.check("up{a=~\"" + groups + "\"}", Dialect.PROMQL).diagnostics());
              found.add(PromQL.check("{a=~\"" + groups + "\"}", Dialect.PROMQL).diagnostics());
            },
            "large-stack",
            1L << 29);
    t.start();
    t.join();
    assertThat(found.get(0)).isEmpty();
    assertThat(found.get(1))
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("at least one non-empty matcher"); // the check still ran: it matches ""
  }

  @Test
  void nestedRepetitionsAreAnErrorNotAnOutOfMemory() {
    List<Diagnostic> found =
        PromQL.check(
                "label_replace(up{a=~\"((a{1000}){1000}){1000}\"}, \"x\", \"$1\", \"y\", \"((b{1000}){1000}){1000}\")",
                Dialect.METRICSQL)
            .diagnostics();
    assertThat(found)
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.message()).contains("invalid repeat count"));
  }

  private static String nested(String open, int depth) {
    return open.repeat(depth) + "a" + ")".repeat(depth);
  }
}
