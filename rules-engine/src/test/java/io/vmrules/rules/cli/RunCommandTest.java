package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code rules run} start-up checks; running for real is {@code RunEngineIT}. */
class RunCommandTest {
  @Test
  void refusesInvalidRuleFilesWithTheDiagnosticsOfValidate() {
    CliRun validate = CliRun.of("validate", ValidateCommandTest.BAD);
    CliRun run = CliRun.of("run", "--rule", ValidateCommandTest.BAD, "--datasource.url", "http://127.0.0.1:1",
        "--httpListenAddr", "");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(validate.out()).contains("refusing to start");
  }

  @Test
  void missingDatasourceIsAUsageError() {
    CliRun run = CliRun.of("run", "--rule", ValidateCommandTest.GOOD);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--datasource.url");
  }

  @Test
  void badDurationFlagIsAUsageError() {
    CliRun run = CliRun.of("run", "--rule", ValidateCommandTest.GOOD, "--datasource.url", "http://x",
        "--evaluationInterval", "soon");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("not a duration");
  }

  @Test
  void missingRuleFileIsAnIoProblem() {
    CliRun run = CliRun.of("run", "--rule", "does/not/exist.yml", "--datasource.url", "http://x");
    assertThat(run.exit()).isEqualTo(2);
  }
}
