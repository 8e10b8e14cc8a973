package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code rules replay} start-up checks and its resume command; replaying for real is {@code
 * ReplayIT}.
 */
class ReplayCommandTest {
  private static final String[] URLS = {
    "--datasource.url", "http://127.0.0.1:1", "--remoteWrite.url", "http://127.0.0.1:1"
  };

  private static CliRun replay(String rule, String from, String to) {
    List<String> args =
        new java.util.ArrayList<>(List.of("replay", "--rule", rule, "--from", from, "--to", to));
    args.addAll(List.of(URLS));
    return CliRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-01-02T00:00:00Z, 2026-01-01T00:00:00Z, reversed range",
    "2026-01-02T00:00:00Z, 2026-01-02T00:00:00Z, empty range",
    "1767312000, 1767312000.000, empty range",
  })
  void aReversedOrEmptyRangeIsAUsageError(String from, String to, String message) {
    CliRun run = replay(ValidateCommandTest.GOOD, from, to);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("rules replay: " + message);
  }

  @Test
  void aTimeThatIsNeitherRfc3339NorUnixSecondsIsAUsageError() {
    CliRun run = replay(ValidateCommandTest.GOOD, "yesterday", "2026-01-02T00:00:00Z");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("not a time: \"yesterday\"");
  }

  @Test
  void refusesInvalidRuleFilesWithTheDiagnosticsOfValidate() {
    CliRun validate = CliRun.of("validate", ValidateCommandTest.BAD);
    CliRun run = replay(ValidateCommandTest.BAD, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith(validate.out()).contains("refusing to replay");
  }

  @Test
  void anUnreachableDatasourceStopsTheReplayWithTheCommandThatResumesIt() {
    CliRun run =
        CliRun.of(
            "replay",
            "--rule",
            ValidateCommandTest.GOOD,
            "--from",
            "2026-01-01T00:00:00Z",
            "--to",
            "2026-01-01T01:00:00Z",
            "--datasource.url",
            "http://127.0.0.1:1",
            "--remoteWrite.url",
            "http://127.0.0.1:1",
            "--ruleRetryAttempts",
            "1",
            "--no-progress");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("rules replay: stopped: ", "cannot reach http://127.0.0.1:1/api/v1/query_range")
        .contains("everything before 2026-01-01T00:00:00Z is written. To resume:")
        .contains(
            "bin/rules replay --rule " + ValidateCommandTest.GOOD + " --to 2026-01-01T01:00:00Z");
    assertThat(run.out()).startsWith("replayed (stopped early)");
  }

  @Test
  void theResumeCommandMovesFromAndHidesSecrets() {
    String cmd =
        ResumeCommand.of(
            List.of(
                "replay",
                "--rule",
                "rules/*.yml",
                "--from=2026-01-01T00:00:00Z",
                "--to",
                "2026-01-08T00:00:00Z",
                "--datasource.basicAuth.password",
                "hunter2",
                "--remoteWrite.bearerToken=abc",
                "--datasource.headers",
                "X-Scope: a b"),
            Instant.parse("2026-01-03T10:00:00Z"));
    assertThat(cmd)
        .isEqualTo(
            "bin/rules replay --rule 'rules/*.yml' --to 2026-01-08T00:00:00Z "
                + "--datasource.basicAuth.password '<secret>' '--remoteWrite.bearerToken=<secret>' --datasource.headers "
                + "'<secret>' --from 2026-01-03T10:00:00Z");
    assertThat(cmd).doesNotContain("hunter2", "abc", "X-Scope");
  }
}
