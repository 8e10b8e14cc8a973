package io.vmrules.rules.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.rules.http.HttpAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Which failures stop the run ({@code UNREACHABLE}: the datasource as a whole) and which concern
 * one question ({@code REFUSED}), and what each request carries.
 */
class PrometheusOnlineApiTest {
  private static final Question QUERY =
      new Question("/api/v1/query", Map.of("query", List.of("up")), Map.of("X-Scope", "t1"), 10);
  private static final Question VALUES =
      new Question(
          "/api/v1/label/__name__/values",
          Map.of("match[]", List.of("up{job=\"a b\"}")),
          Map.of(),
          1);

  private static OnlineException.Kind failure(MockResponse response) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(response);
      server.start();
      PrometheusOnlineApi api =
          new PrometheusOnlineApi(
              server.url("/").toString(), HttpAuth.none(), Duration.ofMillis(500));
      try {
        api.ask(QUERY);
      } catch (OnlineException e) {
        return e.kind();
      }
      throw new AssertionError("no failure");
    }
  }

  @Test
  void serverErrorsAuthAndWrongPathsMakeTheDatasourceUnreachable() throws Exception {
    assertThat(failure(new MockResponse().setResponseCode(500).setBody("boom")))
        .isEqualTo(OnlineException.Kind.UNREACHABLE);
    assertThat(failure(new MockResponse().setResponseCode(403).setBody("no")))
        .isEqualTo(OnlineException.Kind.UNREACHABLE);
    assertThat(failure(new MockResponse().setResponseCode(404).setBody("not found")))
        .isEqualTo(OnlineException.Kind.UNREACHABLE);
    assertThat(failure(new MockResponse().setResponseCode(200).setBody("<html>login</html>")))
        .isEqualTo(OnlineException.Kind.UNREACHABLE);
  }

  @Test
  void aQueryErrorOrATimeoutConcernsThatQuestionOnly() throws Exception {
    assertThat(
            failure(
                new MockResponse()
                    .setResponseCode(422)
                    .setHeader("Content-Type", "application/json")
                    .setBody(
                        "{\"status\":\"error\",\"errorType\":\"422\",\"error\":\"too many series\"}")))
        .isEqualTo(OnlineException.Kind.REFUSED);
    assertThat(
            failure(
                new MockResponse()
                    .setBody("{\"status\":\"success\",\"data\":[]}")
                    .setHeadersDelay(2, TimeUnit.SECONDS)))
        .isEqualTo(OnlineException.Kind.REFUSED);
  }

  @Test
  void queriesArePostFormsAndLabelQuestionsGetsWithTheGroupsHeaders() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      String ok = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
      server.enqueue(new MockResponse().setBody(ok));
      server.enqueue(new MockResponse().setBody("{\"status\":\"success\",\"data\":[\"up\"]}"));
      server.start();
      PrometheusOnlineApi api =
          new PrometheusOnlineApi(
              server.url("/select/0/prometheus/").toString().replace("//", "//u:p@"),
              HttpAuth.none(),
              Duration.ofSeconds(5));
      assertThat(api.url()).doesNotContain("u:p");
      assertThat(api.ask(QUERY).isEmpty()).isTrue();
      assertThat(api.ask(VALUES).values()).containsExactly("up");
      RecordedRequest q = server.takeRequest();
      assertThat(q.getMethod()).isEqualTo("POST");
      assertThat(q.getPath()).isEqualTo("/select/0/prometheus/api/v1/query");
      assertThat(q.getBody().readUtf8()).isEqualTo("query=up");
      assertThat(q.getHeader("X-Scope")).isEqualTo("t1");
      assertThat(q.getHeader("Authorization")).startsWith("Basic ");
      RecordedRequest v = server.takeRequest();
      assertThat(v.getMethod()).isEqualTo("GET");
      assertThat(v.getRequestUrl().queryParameter("match[]")).isEqualTo("up{job=\"a b\"}");
    }
  }

  @Test
  void aRefusedConnectionIsUnreachable() {
    PrometheusOnlineApi api =
        new PrometheusOnlineApi(
            "http://127.0.0.1:" + io.vmrules.testsupport.FreePort.pick(),
            HttpAuth.none(),
            Duration.ofSeconds(2));
    assertThatThrownBy(() -> api.ask(QUERY))
        .isInstanceOfSatisfying(
            OnlineException.class,
            e -> assertThat(e.kind()).isEqualTo(OnlineException.Kind.UNREACHABLE));
  }
}
