package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rules validate --datasource.url}: the flags, the auth of {@code rules run}, one {@code
 * online.unreachable} error with exit status 2 in every format (the checks themselves run against a
 * real VictoriaMetrics in rules-online's {@code OnlineChecksIT}).
 */
class ValidateOnlineTest {
  private static final String GOOD = ValidateCommandTest.GOOD;

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "github", "junit", "sarif"})
  void anUnreachableDatasourceIsOneErrorAndExitTwoInEveryFormat(String format) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String url = server.url("/").toString();
      server.shutdown(); // nothing listens there any more
      CliRun run = CliRun.of("validate", "--format", format, "--datasource.url", url, GOOD);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.out()).contains("online.unreachable").contains("cannot connect");
      // (SARIF lists the rule apart from its result; JUnit repeats a failure's message in its body)
      if (!format.equals("sarif") && !format.equals("junit")) {
        assertThat(run.out().split("cannot connect", -1)).hasSize(2);
      }
    }
  }

  @Test
  void refusedCredentialsAreOneErrorNamingTheFlags() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(401).setBody("Unauthorized"));
      server.start();
      CliRun run =
          CliRun.of(
              "validate",
              "--format",
              "json",
              "--datasource.url",
              server.url("/select/0/prometheus").toString(),
              "--datasource.basicAuth.username",
              "alice",
              "--datasource.basicAuth.password",
              "s3cret",
              GOOD);
      assertThat(run.exit()).isEqualTo(2);
      JsonNode root = new ObjectMapper().readTree(run.out());
      assertThat(root.get("errors").asInt()).isEqualTo(1);
      JsonNode d = root.get("diagnostics").get(root.get("diagnostics").size() - 1);
      assertThat(d.get("code").asText()).isEqualTo("online.unreachable");
      assertThat(d.get("message").asText())
          .contains("HTTP 401")
          .contains("--datasource.basicAuth")
          .doesNotContain("s3cret");
      RecordedRequest probe = server.takeRequest();
      assertThat(probe.getPath()).isEqualTo("/select/0/prometheus/api/v1/query");
      assertThat(probe.getHeader("Authorization"))
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aDatasourceUrlThatIsNotHttpIsAUsageError() {
    CliRun run = CliRun.of("validate", "--datasource.url", "ftp://example", GOOD);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--datasource.url must be http(s)");
  }

  @Test
  void helpDescribesEveryCheckWithAnExample() {
    CliRun run = CliRun.of("validate", "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("online.series-missing")
        .contains("online.vector-matching")
        .contains("vm_free_disk_space_bytes / vm_data_size_bytes")
        .contains("online.template-label")
        .contains("online.alerts-count")
        .contains("online.query-cost")
        .contains("online.unreachable")
        .contains("--online.lookback")
        .contains("--online.timeout")
        .contains("--online.concurrency")
        .contains("--datasource.bearerToken");
  }
}
