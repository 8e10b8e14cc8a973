package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.report.ReportFormat;
import io.vmrules.rules.testing.Mutations;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid rule files thousands of times, by bytes and by YAML structure: validation must
 * never throw, every finding must carry a position inside the file, a code and a message, and every
 * output format must render the report.
 */
class FuzzTest {
  private static final int ROUNDS = 3000;

  @Test
  void mutatedRuleFilesGiveDiagnosticsNeverExceptions() throws Exception {
    List<byte[]> seeds = Mutations.ruleFileSeeds();
    Random random = new Random(20261125);
    int withErrors = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] input =
          random.nextBoolean() ? Mutations.bytes(seed, random) : Mutations.lines(seed, random);
      Dialect dialect = random.nextBoolean() ? Dialect.PROMQL : Dialect.METRICSQL;
      ValidationReport report;
      try {
        report =
            new Validation(Validation.Options.of(dialect))
                .validate(Map.of("fuzz.yml", input))
                .report();
        for (ReportFormat format : ReportFormat.values()) {
          format.write(report, new StringWriter(), round % 2 == 0);
        }
      } catch (RuntimeException | IOException | StackOverflowError e) {
        throw new AssertionError(
            "round "
                + round
                + " ("
                + dialect
                + ") threw on:\n"
                + new String(input, StandardCharsets.UTF_8),
            e);
      }
      int lines = new String(input, StandardCharsets.UTF_8).split("\n", -1).length;
      for (Finding f : report.findings()) {
        assertThat(f.line()).as("round %d: %s", round, f).isBetween(1, lines + 1);
        assertThat(f.column()).as("round %d: %s", round, f).isPositive();
        assertThat(f.code()).as("round %d", round).matches("[a-z]+\\.[a-z-]+");
        assertThat(f.message()).as("round %d", round).isNotBlank();
      }
      withErrors += report.errors() > 0 ? 1 : 0;
    }
    // The mutations must actually break files, or the test proves nothing.
    assertThat(withErrors).isGreaterThan(ROUNDS / 3);
  }
}
