package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.testsupport.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules test} through the command line: exit codes and the three formats. */
class TestCommandIT {
  @TempDir static Path dir;

  private static final String RULES =
      """
      groups:
        - name: g
          rules:
            - alert: Down
              expr: up == 0
              for: 1m
      """;

  private static String test(String expected) {
    return """
        rule_files: [rules.yml]
        tests:
          - name: down
            interval: 1m
            input_series:
              - series: 'up{job="a"}'
                values: '0x5'
            alert_rule_test:
              - eval_time: 3m
                alertname: Down
                exp_alerts:
        """
        + expected;
  }

  @BeforeAll
  static void files() throws Exception {
    ExternalTool.require("victoria-metrics");
    Files.writeString(dir.resolve("rules.yml"), RULES);
    Files.writeString(dir.resolve("pass.yml"), test("          - exp_labels: {job: a}\n"));
    Files.writeString(dir.resolve("fail.yml"), test("          - exp_labels: {job: b}\n"));
    Files.writeString(dir.resolve("bad.yml"), test("          - exp_labelz: {job: b}\n"));
    Files.writeString(
        dir.resolve("missing.yml"), test("          []\n").replace("rules.yml", "nope.yml"));
    Files.writeString(
        dir.resolve("invalid.yml"),
        test("          []\n").replace("rules.yml", "invalid-rules.yml"));
    Files.writeString(dir.resolve("invalid-rules.yml"), RULES.replace("up == 0", "up == "));
    Files.writeString(
        dir.resolve("external-rules.yml"),
        RULES + "        annotations:\n          link: '{{ $externalURL }}/d/x'\n");
    // vmalert-tool's format (groupname), whose external labels and URL come from its flags
    Files.writeString(
        dir.resolve("external.yml"),
        test("""
                          - exp_labels: {job: a, cluster: prod, team: a}
                            exp_annotations: {link: 'http://grafana:3000/d/x'}
                """)
            .replace("rules.yml", "external-rules.yml")
            .replace("    alertname: Down", "    groupname: g\n        alertname: Down")
            .replace(
                "    interval: 1m",
                "    interval: 1m\n    external_labels: {team: a, cluster: dev}"));
  }

  @Test
  void externalLabelsAndUrlFromTheCommandLineAsVmalertTool() {
    String file = dir.resolve("external.yml").toString();
    CliRun flags =
        CliRun.of(
            "test", "--external.label=cluster=prod", "--external.url=http://grafana:3000", file);
    assertThat(flags.exit()).as(flags.out() + flags.err()).isZero();
    // without them: the file's cluster=dev, and an empty $externalURL
    CliRun none = CliRun.of("test", "--diff", file);
    assertThat(none.exit()).as(none.out() + none.err()).isEqualTo(1);
    assertThat(none.out())
        .contains("- label cluster=\"prod\"")
        .contains("+ label cluster=\"dev\"")
        .contains("/d/x");
  }

  @Test
  void passingTestsExitZero() {
    CliRun run = CliRun.of("test", dir.resolve("pass.yml").toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("SUCCESS").contains("1 test groups: 1 passed, 0 failed");
  }

  @Test
  void aFailingTestExitsOneWithTheDiff() {
    CliRun run = CliRun.of("test", "--diff", dir.resolve("fail.yml").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("fail.yml:9: alertname: Down, time: 3m,")
        .contains("- label job=\"b\"")
        .contains("+ label job=\"a\"");
  }

  @Test
  void aBadTestFileOrAMissingRuleFileExitsTwo() {
    CliRun bad = CliRun.of("test", dir.resolve("bad.yml").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out())
        .contains(
            "bad.yml:12:13: error: unknown key \"exp_labelz\" in an expected alert; did you mean \"exp_labels\"?");
    CliRun missing = CliRun.of("test", dir.resolve("missing.yml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).contains("nope.yml");
    CliRun nothing = CliRun.of("test", dir.resolve("absent.yml").toString());
    assertThat(nothing.exit()).isEqualTo(2);
    CliRun regex = CliRun.of("test", "--run", "(", dir.resolve("pass.yml").toString());
    assertThat(regex.exit()).isEqualTo(2);
    assertThat(regex.err()).startsWith("rules test: --run (:");
  }

  @Test
  void anInvalidRuleFileExitsOneWithTheValidateDiagnostics() {
    CliRun run = CliRun.of("test", dir.resolve("invalid.yml").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("invalid-rules.yml:5:20: error:").contains("[promql.syntax]");
  }

  @Test
  void jsonAndJunitReports() throws Exception {
    CliRun json =
        CliRun.of(
            "test",
            "--format",
            "json",
            dir.resolve("pass.yml").toString(),
            dir.resolve("fail.yml").toString());
    assertThat(json.exit()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("passed").asInt()).isEqualTo(1);
    assertThat(root.get("failed").asInt()).isEqualTo(1);
    assertThat(root.at("/files/0/groups/0/failures/0/line").asInt()).isEqualTo(9);
    CliRun junit = CliRun.of("test", "--format", "junit", dir.resolve("fail.yml").toString());
    assertThat(junit.out())
        .startsWith("<?xml")
        .contains("<testcase name=\"down\"")
        .contains("<failure message=\"1 checks failed\">");
  }
}
