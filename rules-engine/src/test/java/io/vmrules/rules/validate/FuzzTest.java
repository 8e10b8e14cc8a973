package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.report.ReportFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid rule files thousands of times, by bytes and by YAML structure: validation must
 * never throw, every finding must carry a position inside the file, a code and a message, and
 * every output format must render the report.
 */
class FuzzTest {
  private static final int ROUNDS = 3000;
  private static final byte[][] TOKENS = Stream.of(
          ":", "- ", "  ", "\n", "\t", "\"", "'", "{", "}", "[", "]", "|", ">", "&a", "*a", "!!str ", "#", "%",
          "{{", "}}", "(", ")", "[5m]", "==", " by (", "~", "\u0000", "é", "\uD83D\uDE00", "expr: ", "for: 1x",
          "record: ", "alert: ", "groups:", "rules:", "<<: *a", "---\n", "...\n", "\\", "\r\n")
      .map(s -> s.getBytes(StandardCharsets.UTF_8))
      .toArray(byte[][]::new);

  @Test
  void mutatedRuleFilesGiveDiagnosticsNeverExceptions() throws Exception {
    List<byte[]> seeds = seeds();
    Random random = new Random(20261125);
    int withErrors = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] input = random.nextBoolean() ? mutateBytes(seed, random) : mutateLines(seed, random);
      Dialect dialect = random.nextBoolean() ? Dialect.PROMQL : Dialect.METRICSQL;
      ValidationReport report;
      try {
        report = new Validation(Validation.Options.of(dialect)).validate(Map.of("fuzz.yml", input)).report();
        for (ReportFormat format : ReportFormat.values()) {
          format.write(report, new StringWriter(), round % 2 == 0);
        }
      } catch (RuntimeException | IOException | StackOverflowError e) {
        throw new AssertionError("round " + round + " (" + dialect + ") threw on:\n"
            + new String(input, StandardCharsets.UTF_8), e);
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

  private static List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources/fixtures"), Path.of("../rules"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList()) {
          seeds.add(Files.readAllBytes(f));
        }
      }
    }
    assertThat(seeds).hasSizeGreaterThan(3);
    return seeds;
  }

  private static byte[] mutateBytes(byte[] seed, Random random) {
    byte[] out = seed;
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length);
      out = switch (random.nextInt(4)) {
        case 0 -> { // flip
          byte[] copy = out.clone();
          if (copy.length > 0) {
            copy[at] = (byte) random.nextInt(256);
          }
          yield copy;
        }
        case 1 -> splice(out, at, Math.min(out.length, at + random.nextInt(16)), new byte[0]); // delete
        case 2 -> splice(out, at, at, TOKENS[random.nextInt(TOKENS.length)]); // insert
        default -> Arrays.copyOf(out, at); // truncate
      };
    }
    return out;
  }

  private static byte[] mutateLines(byte[] seed, Random random) {
    List<String> lines = new ArrayList<>(List.of(new String(seed, StandardCharsets.UTF_8).split("\n", -1)));
    for (int i = 1 + random.nextInt(3); i > 0 && !lines.isEmpty(); i--) {
      int a = random.nextInt(lines.size());
      int b = random.nextInt(lines.size());
      switch (random.nextInt(5)) {
        case 0 -> lines.set(a, "  " + lines.get(a)); // indent
        case 1 -> lines.set(a, lines.get(a).replaceFirst("^  ", "")); // dedent
        case 2 -> lines.add(b, lines.get(a)); // duplicate
        case 3 -> lines.remove(a);
        default -> {
          String t = lines.get(a);
          lines.set(a, lines.get(b));
          lines.set(b, t);
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }
}
