package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule-file fixtures named by intent: {@code NN-what-good.yaml} must give no finding at all; {@code
 * NN-what-bad.yaml} must give exactly the {@code line:col code} list of its {@code .expected}
 * sidecar, which proves every problem of a file is collected in one run; {@code NN-what-warn.yaml}
 * likewise, and every finding a warning (the file is valid).
 */
class FixtureTest {
  static final Path DIR = Path.of("src/test/resources/fixtures");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void findingsMatchTheSidecar(Path file) throws Exception {
    String name = file.getFileName().toString();
    Dialect dialect = name.contains("-promql") ? Dialect.PROMQL : Dialect.METRICSQL;
    ValidationReport report =
        new Validation(Validation.Options.of(dialect))
            .validate(Map.of(name, Files.readAllBytes(file)))
            .report();
    List<String> actual = report.findings().stream().map(FixtureTest::brief).toList();
    List<String> expected = List.of();
    boolean warnOnly = name.endsWith("-warn.yaml");
    if (warnOnly) {
      assertThat(report.errors()).as("errors in %s", name).isZero();
    }
    if (name.endsWith("-bad.yaml") || warnOnly) {
      Path sidecar = file.resolveSibling(name.replace(".yaml", ".expected"));
      expected =
          Files.readAllLines(sidecar, StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
    } else {
      assertThat(name)
          .as("fixture names end in -good.yaml, -warn.yaml or -bad.yaml")
          .endsWith("-good.yaml");
    }
    assertThat(actual)
        .as(String.join("\n", report.findings().stream().map(Finding::toString).toList()))
        .containsExactlyElementsOf(expected);
  }

  private static String brief(Finding f) {
    return f.line() + ":" + f.column() + " " + f.code();
  }
}
