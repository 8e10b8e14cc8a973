package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.run.EngineConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rules run} start-up checks; running for real is {@code RunEngineIT}. */
class RunCommandTest {
  @Test
  void refusesInvalidRuleFilesWithTheDiagnosticsOfValidate() {
    CliRun validate = CliRun.of("validate", ValidateCommandTest.BAD);
    CliRun run =
        CliRun.of(
            "run",
            "--rule",
            ValidateCommandTest.BAD,
            "--datasource.url",
            "http://127.0.0.1:1",
            "--httpListenAddr",
            "");
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
    CliRun run =
        CliRun.of(
            "run",
            "--rule",
            ValidateCommandTest.GOOD,
            "--datasource.url",
            "http://x",
            "--evaluationInterval",
            "soon");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("not a duration");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "--datasource.url=not a url | --datasource.url is not a URL",
        "--datasource.url=ftp://x | must be http(s)://",
        "--evaluationThreads=0 | --evaluationThreads must be at least 1",
        "--httpListenAddr=abc | is not host:port",
        "--httpListenAddr=:99999 | port out of range",
        "--datasource.tlsCAFile=/etc/hostname | bad TLS settings",
      })
  void userMistakesInFlagsExitTwoWithAMessage(String flag, String message) {
    String f = flag.strip();
    List<String> args =
        new java.util.ArrayList<>(List.of("run", "--rule", ValidateCommandTest.GOOD));
    if (!f.startsWith("--datasource.url")) {
      args.addAll(List.of("--datasource.url", "http://127.0.0.1:1"));
    }
    if (!f.startsWith("--httpListenAddr")) {
      args.addAll(List.of("--httpListenAddr", "127.0.0.1:0"));
    }
    args.add(f);
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(message.strip())
        .doesNotContain("internal error")
        .doesNotContain("Exception");
  }

  @Test
  void refusesGraphiteAndVlogsGroupsThatValidateAccepts() {
    String graphite = "../rules-validator/src/test/resources/fixtures/09-graphite-vlogs-good.yaml";
    assertThat(CliRun.of("validate", graphite).exit()).isZero();
    CliRun run =
        CliRun.of(
            "run",
            "--rule",
            graphite,
            "--datasource.url",
            "http://127.0.0.1:1",
            "--httpListenAddr",
            "");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "group \"graphite\" has type graphite: rules run evaluates only prometheus groups")
        .contains("refusing to start");
  }

  @Test
  void aTakenPortExitsTwoNamingTheAddress() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run =
          CliRun.of(
              "run",
              "--rule",
              ValidateCommandTest.GOOD,
              "--datasource.url",
              "http://127.0.0.1:1",
              "--httpListenAddr",
              "127.0.0.1:" + taken.getLocalPort());
      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).contains("cannot listen on");
    }
  }

  @Test
  void missingRuleFileIsAnIoProblem() {
    CliRun run = CliRun.of("run", "--rule", "does/not/exist.yml", "--datasource.url", "http://x");
    assertThat(run.exit()).isEqualTo(2);
  }

  private static RunCommand parse(Map<String, String> env, String... args) {
    var cl = Main.commandLine();
    var parsed = cl.parseArgs(args);
    RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
    run.env = env::get;
    return run;
  }

  @Test
  void notifierAuthFlagsGoWithTheirUrlOrWithAll() {
    RunCommand run =
        parse(
            Map.of(),
            "run",
            "--rule",
            "r.yml",
            "--datasource.url",
            "http://ds",
            "--notifier.url",
            "http://am1",
            "--notifier.url",
            "http://am2",
            "--notifier.bearerToken",
            "t1",
            "--notifier.bearerToken",
            "t2",
            "--notifier.headers",
            "X-Team: core",
            "--remoteRead.url",
            "http://vmselect",
            "--remoteRead.basicAuth.username",
            "reader",
            "--remoteRead.basicAuth.password",
            "pw");
    EngineConfig config = run.config();
    assertThat(config.notifiers())
        .extracting(EngineConfig.Endpoint::url)
        .containsExactly("http://am1", "http://am2");
    assertThat(config.notifiers())
        .extracting(e -> e.auth().bearerToken())
        .containsExactly("t1", "t2");
    assertThat(config.notifiers())
        .allSatisfy(e -> assertThat(e.auth().headers()).containsEntry("X-Team", "core"));
    assertThat(config.remoteRead().auth().basicAuthUsername()).isEqualTo("reader");
    assertThat(config.resendDelay()).hasMinutes(1);
    assertThat(config.toString()).doesNotContain("t1", "t2", "pw");
    assertThat(config.remoteReadLookback()).hasHours(1);
  }

  @Test
  void authFlagGivenNeitherOnceNorPerUrlIsAUsageError() {
    CliRun run =
        CliRun.of(
            "run",
            "--rule",
            ValidateCommandTest.GOOD,
            "--datasource.url",
            "http://127.0.0.1:1",
            "--notifier.url",
            "http://a",
            "--notifier.url",
            "http://b",
            "--notifier.url",
            "http://c",
            "--notifier.bearerToken",
            "secret-1",
            "--notifier.bearerToken",
            "secret-2",
            "--httpListenAddr",
            "");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("--notifier.bearerToken is given 2 times for 3 URLs")
        .doesNotContain("secret-");
  }

  @Test
  void apiPasswordComesFromTheFlagOrTheEnvironment() {
    assertThat(
            parse(Map.of(), "run", "--rule", "r", "--datasource.url", "http://x").httpCredentials())
        .isNull();
    EngineConfig.BasicCredentials fromEnv =
        parse(
                Map.of(RunCommand.HTTP_AUTH_PASSWORD_ENV, "from-env"),
                "run",
                "--rule",
                "r",
                "--datasource.url",
                "http://x",
                "--httpAuth.username",
                "admin")
            .httpCredentials();
    assertThat(fromEnv.password()).isEqualTo("from-env");
    assertThat(fromEnv.toString()).doesNotContain("from-env");
    EngineConfig.BasicCredentials fromFlag =
        parse(
                Map.of(RunCommand.HTTP_AUTH_PASSWORD_ENV, "from-env"),
                "run",
                "--rule",
                "r",
                "--datasource.url",
                "http://x",
                "--httpAuth.username",
                "admin",
                "--httpAuth.password",
                "from-flag")
            .httpCredentials();
    assertThat(fromFlag.password()).isEqualTo("from-flag");
  }

  @Test
  void usernameWithoutPasswordIsAUsageError() {
    CliRun run =
        CliRun.of(
            "run",
            "--rule",
            ValidateCommandTest.GOOD,
            "--datasource.url",
            "http://127.0.0.1:1",
            "--httpAuth.username",
            "admin",
            "--httpListenAddr",
            "");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--httpAuth.username needs a password");
  }

  @Test
  void helpListsTheNotifierRestoreAndApiFlags() {
    CliRun run = CliRun.of("run", "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "--notifier.url",
            "--notifier.blackhole",
            "--notifier.bearerToken",
            "--rule.resendDelay",
            "--remoteRead.url",
            "--remoteRead.lookback",
            "--httpAuth.username",
            "--httpAuth.passwordFile",
            "--datasource.tlsCAFile",
            "--external.url")
        .doesNotContain("accepted but");
  }

  @Test
  void helpDescribesTheWebUiAndItsVmuiFlag() {
    CliRun run = CliRun.of("run", "--help");
    assertThat(run.out()).contains("--datasource.uiURL=URL").contains("web UI");
  }

  @Test
  void theStatusPageGetsTheFlagsWithSecretsRedacted() {
    RunCommand run =
        parse(
            Map.of(),
            "run",
            "--rule",
            "r.yml",
            "--datasource.url",
            "http://user:pw@vm:8428",
            "--datasource.uiURL",
            "http://vm:8428/vmui",
            "--notifier.url",
            "http://am:9093",
            "--notifier.bearerToken",
            "tok3n",
            "--httpAuth.username",
            "admin",
            "--httpAuth.password",
            "hunter2",
            "--external.label",
            "dc=eu");
    var config = run.config();
    assertThat(config.ui().datasourceUiUrl()).isEqualTo("http://vm:8428/vmui");
    assertThat(config.ui().version()).startsWith("rules ");
    Map<String, String> flags = config.ui().flags();
    assertThat(flags)
        .containsEntry("--datasource.url", "http://<redacted>@vm:8428")
        .containsEntry("--notifier.bearerToken", "<secret>")
        .containsEntry("--httpAuth.password", "<secret>")
        .containsEntry("--httpAuth.username", "admin")
        .containsEntry("--external.label", "dc=eu")
        .containsEntry("--evaluationInterval", "1m");
    assertThat(flags.values()).noneMatch(v -> v.contains("hunter2") || v.contains("tok3n"));
  }
}
