package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.testsupport.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rules validate} end to end: formats (golden files), exit codes, bad input. */
class ValidateCommandTest {
  static final String BAD =
      "../rules-validator/src/test/resources/fixtures/04-twenty-mistakes-bad.yaml";
  static final String GOOD = "../rules-validator/src/test/resources/fixtures/01-stack-good.yaml";

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "github", "junit", "sarif"})
  void everyFormatMatchesItsGoldenFile(String format) throws Exception {
    CliRun run = CliRun.of("validate", "--format", format, BAD);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    Golden.assertMatches("cli/twenty-mistakes." + format, run.out());
  }

  @Test
  void jsonFollowsTheContract() throws Exception {
    CliRun run = CliRun.of("validate", "--format", "json", BAD);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.fieldNames())
        .toIterable()
        .containsExactly("files", "groups", "rules", "errors", "warnings", "diagnostics");
    assertThat(root.get("files").asInt()).isEqualTo(1);
    int errors = 0;
    for (JsonNode d : root.get("diagnostics")) {
      assertThat(d.fieldNames())
          .toIterable()
          .containsExactly(
              "file", "line", "column", "severity", "code", "group", "rule", "message");
      assertThat(d.get("line").asInt()).isPositive();
      assertThat(d.get("column").asInt()).isPositive();
      errors += d.get("severity").asText().equals("error") ? 1 : 0;
    }
    assertThat(root.get("errors").asInt()).isEqualTo(errors).isGreaterThanOrEqualTo(18);
    // Twenty mistakes, all reported, besides the lints' warnings.
    assertThat(root.get("diagnostics").size() - countCode(root, "lint."))
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void validFilesExitZero() {
    CliRun run = CliRun.of("validate", GOOD);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("1 file, 1 group, 4 rules: 0 errors, 0 warnings");
  }

  @Test
  void strictTurnsWarningsIntoErrorsAndDisableDropsThem() {
    String lints = "../rules-validator/src/test/resources/fixtures/02-lints-bad.yaml";
    assertThat(CliRun.of("validate", lints).exit()).isZero();
    assertThat(CliRun.of("validate", "--strict", lints).exit()).isEqualTo(1);
    CliRun off = CliRun.of("validate", "--disable", "lint.record-name,lint.rate-window", lints);
    assertThat(off.out())
        .doesNotContain("lint.record-name")
        .doesNotContain("lint.rate-window")
        .contains("lint.rate-non-counter");
  }

  @Test
  void missingPathIsAUsageProblem() {
    CliRun run = CliRun.of("validate", tmp.resolve("nope.yml").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yml").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownFormatIsAUsageProblem() {
    CliRun run = CliRun.of("validate", "--format", "xml", GOOD);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--format");
  }

  @Test
  void nonUtf8BytesGetAPositionedError() throws Exception {
    Path file = tmp.resolve("latin1.yml");
    Files.write(file, "groups:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("latin1.yml:2:").contains("[rules.encoding]");
  }

  @Test
  void emptyFileIsAWarning() throws Exception {
    Path file = tmp.resolve("empty.yml");
    Files.writeString(file, "");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("[rules.empty-file]");
  }

  @Test
  void malformedYamlGetsAPosition() throws Exception {
    Path file = tmp.resolve("broken.yml");
    Files.writeString(file, "groups:\n  - name: a\n    rules: [\n");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("broken.yml:\\d+:\\d+: error: invalid YAML")
        .contains("[rules.yaml]");
  }

  @Test
  void fiftyThousandRulesAreAllChecked() throws Exception {
    Path file = tmp.resolve("big.yml");
    StringBuilder b = new StringBuilder("groups:\n");
    for (int g = 0; g < 500; g++) {
      b.append("  - name: g").append(g).append("\n    rules:\n");
      for (int r = 0; r < 100; r++) {
        b.append("      - record: job:r")
            .append(g)
            .append('_')
            .append(r)
            .append(":sum\n        expr: sum by (job) (rate(http_requests_total{code=\"")
            .append(r)
            .append("\"}[5m]))\n");
      }
    }
    b.append("  - name: broken\n    rules:\n      - record: job:x:sum\n        expr: sum(\n");
    Files.writeString(file, b);
    CliRun run = CliRun.of("validate", "--format", "json", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("rules").asInt()).isEqualTo(50_001);
    assertThat(root.get("errors").asInt()).isEqualTo(1);
    assertThat(root.get("diagnostics").get(0).get("line").asInt())
        .isEqualTo(1 + 500 * 2 + 50_000 * 2 + 4);
  }

  @Test
  void hugeExpressionGetsADiagnosticNotACrash() throws Exception {
    Path file = tmp.resolve("huge.yml");
    StringBuilder expr = new StringBuilder("up");
    for (int i = 0; i < 100_000; i++) {
      expr.append(" + up");
    }
    Files.writeString(
        file,
        "groups:\n  - name: g\n    rules:\n      - record: job:huge:sum\n        expr: "
            + expr
            + "\n");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exit()).isIn(0, 1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("1 file, 1 group, 1 rule");
  }

  @Test
  void deeplyNestedExpressionGetsADiagnosticNotACrash() throws Exception {
    Path file = tmp.resolve("deep.yml");
    String expr = "(".repeat(50_000) + "up" + ")".repeat(50_000);
    Files.writeString(
        file,
        "groups:\n  - name: g\n    rules:\n      - record: job:deep:sum\n        expr: "
            + expr
            + "\n");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exit()).isIn(0, 1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("1 file, 1 group, 1 rule");
  }

  private static int countCode(JsonNode root, String prefix) {
    int n = 0;
    for (JsonNode d : root.get("diagnostics")) {
      n += d.get("code").asText().startsWith(prefix) ? 1 : 0;
    }
    return n;
  }
}
