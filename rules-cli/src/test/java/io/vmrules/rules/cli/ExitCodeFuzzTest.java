package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.rules.testing.Mutations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit status CI relies on, over seeded mutations of real rule files: user input never ends in
 * exit 3 (an internal error), and the status says exactly whether the report has errors.
 */
class ExitCodeFuzzTest {
  private static final int ROUNDS = 400;

  @TempDir Path dir;

  @Test
  void userInputNeverExitsThreeAndTheStatusMatchesTheReport() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (Path d :
        List.of(Path.of("../rules-validator/src/test/resources/fixtures"), Path.of("../rules"))) {
      try (Stream<Path> files = Files.list(d)) {
        for (Path f :
            files
                .filter(p -> p.toString().matches(".*\\.ya?ml") && Mutations.isBlockStyle(p))
                .sorted()
                .toList()) {
          seeds.add(Files.readAllBytes(f));
        }
      }
    }
    assertThat(seeds).hasSizeGreaterThan(5);
    Random random = new Random(20261204);
    ObjectMapper json = new ObjectMapper();
    int failing = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] input =
          random.nextBoolean() ? Mutations.bytes(seed, random) : Mutations.lines(seed, random);
      Path file = dir.resolve("r" + round + ".yml");
      Files.write(file, input);
      String dialect = random.nextBoolean() ? "promql" : "metricsql";
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          Main.execute(
              new PrintWriter(out),
              new PrintWriter(err),
              "validate",
              "--format",
              "json",
              "--dialect",
              dialect,
              file.toString());
      assertThat(exit).as("round %d: %s", round, err).isIn(0, 1);
      JsonNode report = json.readTree(out.toString());
      assertThat(exit == 1)
          .as("round %d: exit %d, %s errors", round, exit, report.get("errors"))
          .isEqualTo(report.get("errors").asInt() > 0);
      failing += exit;
    }
    assertThat(failing).as("the mutations break files").isGreaterThan(ROUNDS / 4);
  }
}
