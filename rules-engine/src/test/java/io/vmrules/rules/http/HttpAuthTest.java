package io.vmrules.rules.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.run.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets never show in a configuration's text, a log line or an error message. */
class HttpAuthTest {
  private static final HttpAuth BASIC =
      new HttpAuth(
          "alice",
          "pa55word",
          null,
          null,
          null,
          Map.of("X-Scope-Token", "hdr-s3cret"),
          false,
          null);
  private static final HttpAuth BEARER =
      new HttpAuth(null, null, null, "t0ken-s3cret", null, Map.of(), true, Path.of("ca.pem"));

  @Test
  void toStringShowsWhatIsSetButNoSecret() {
    assertThat(BASIC.toString())
        .contains("alice", "<secret>", "X-Scope-Token")
        .doesNotContain("pa55word", "hdr-s3cret");
    assertThat(BEARER.toString())
        .contains("bearerToken=<secret>", "ca.pem")
        .doesNotContain("t0ken-s3cret");
    assertThat(HttpAuth.none().toString()).doesNotContain("<secret>");
  }

  @Test
  void engineConfigTextHasNoSecret() {
    EngineConfig config =
        EngineConfig.builder(EvaluationSettings.defaults(), "http://ds")
            .datasource(
                "http://bob:url-s3cret@vmselect:8481/select/0/prometheus",
                BASIC,
                Duration.ofSeconds(5))
            .remoteWrite("http://vminsert", BEARER, null)
            .notifier("https://carol:am-s3cret@am:9093", BEARER)
            .http(":8880", new EngineConfig.BasicCredentials("admin", "api-s3cret"))
            .build();
    assertThat(config.toString())
        .doesNotContain(
            "pa55word", "hdr-s3cret", "t0ken-s3cret", "url-s3cret", "am-s3cret", "api-s3cret")
        .contains("vmselect:8481", "admin");
  }

  @Test
  void queryErrorsNameTheUrlWithoutItsCredentials() {
    PrometheusApiQuerier q =
        new PrometheusApiQuerier("http://bob:url-s3cret@127.0.0.1:1", BASIC, Duration.ofSeconds(2));
    assertThatThrownBy(() -> q.query(QueryRequest.of("up", Instant.EPOCH, Duration.ofMinutes(1))))
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("url-s3cret")
        .hasMessageNotContaining("pa55word");
  }

  @Test
  void queryRequestTextShowsHeaderNamesOnly() {
    QueryRequest r =
        new QueryRequest(
            "up",
            Instant.EPOCH,
            Duration.ofMinutes(1),
            Map.of("a", List.of("b")),
            Map.of("Authorization", "Bearer hdr-s3cret"));
    assertThat(r.toString()).contains("Authorization").doesNotContain("hdr-s3cret");
  }
}
