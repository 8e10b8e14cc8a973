package io.vmrules.rules.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.RangeRequest;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.http.HttpAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusApiQuerierTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00.250Z");
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private PrometheusApiQuerier querier(HttpAuth auth) {
    return new PrometheusApiQuerier(
        server.url("/select/0/prometheus/").toString(), auth, Duration.ofSeconds(2));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private QueryResult query(PrometheusApiQuerier q) {
    return q.query(
        new QueryRequest(
            "up == 0",
            T,
            Duration.ofMinutes(1),
            Map.of("nocache", List.of("1"), "extra_label", List.of("a=b", "c=d")),
            Map.of("X-Scope", "t1")));
  }

  @Test
  void postsTheFormAndParsesAVector() throws Exception {
    server.enqueue(
        json(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"__name__":"up","job":"a"},"value":[1767225600.25,"0"]},
          {"value":[1767225600.25,"+Inf"],"metric":{"job":"b"}},
          {"metric":{},"value":[1767225600.25,"NaN"]}]}}"""));
    QueryResult r = query(querier(HttpAuth.none()));
    assertThat(r).isInstanceOf(QueryResult.Vector.class);
    List<Sample> s = r.asSamples();
    assertThat(s).hasSize(3);
    assertThat(s.get(0))
        .isEqualTo(new Sample(Labels.of("__name__", "up", "job", "a"), 0, T.toEpochMilli()));
    assertThat(s.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.get(2).value()).isNaN();
    RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getPath()).isEqualTo("/select/0/prometheus/api/v1/query");
    assertThat(req.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(req.getHeader("X-Scope")).isEqualTo("t1");
    assertThat(req.getBody().readUtf8())
        .isEqualTo(
            "query=up%20%3D%3D%200&time=1767225600.250&step=60s&extra_label=a%3Db&extra_label=c%3Dd&nocache=1");
  }

  @Test
  void rangeQueriesPostTheRangeWithoutCachingAndReadAMatrix() throws Exception {
    server.enqueue(
        json(
            200,
            """
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"job":"a"},"values":[[1767225600.25,"1"],[1767225660.25,"2"]]}]}}"""));
    List<RangeSeries> r =
        querier(HttpAuth.none())
            .queryRange(
                new RangeRequest(
                    "up",
                    T,
                    T.plusSeconds(60),
                    Duration.ofMillis(1500),
                    Map.of("extra_label", List.of("a=b")),
                    Map.of("X-Scope", "t1")));
    assertThat(r)
        .containsExactly(
            new RangeSeries(
                Labels.of("job", "a"),
                new long[] {T.toEpochMilli(), T.toEpochMilli() + 60_000},
                new double[] {1, 2}));
    RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getPath()).isEqualTo("/select/0/prometheus/api/v1/query_range");
    assertThat(req.getHeader("X-Scope")).isEqualTo("t1");
    assertThat(req.getBody().readUtf8())
        .isEqualTo(
            "query=up&start=1767225600.250&end=1767225660.250&step=1500ms&nocache=1&extra_label=a%3Db");
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndShownNowhere() throws Exception {
    server.enqueue(
        json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    String url = "http://bob:s%3Acret@127.0.0.1:" + server.getPort() + "/";
    PrometheusApiQuerier q = new PrometheusApiQuerier(url, HttpAuth.none(), Duration.ofSeconds(2));
    query(q);
    RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getHeader("Authorization"))
        .isEqualTo(
            "Basic " + java.util.Base64.getEncoder().encodeToString("bob:s:cret".getBytes()));
    assertThat(q.toString()).doesNotContain("cret");
  }

  @Test
  void dataBeforeStatusAndResultBeforeTypeAreFine() {
    server.enqueue(
        json(
            200,
            """
        {"data":{"result":[{"metric":{"a":"1"},"value":[1,"2"]}],"resultType":"vector"},"status":"success","stats":{"x":1}}"""));
    assertThat(query(querier(HttpAuth.none())).asSamples())
        .extracting(Sample::value)
        .containsExactly(2.0);
  }

  @Test
  void parsesScalarAndString() {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1767225600,\"3.5\"]}}"));
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1767225600,\"hello\"]}}"));
    PrometheusApiQuerier q = querier(HttpAuth.none());
    assertThat(query(q)).isEqualTo(new QueryResult.Scalar(3.5, 1767225600000L));
    assertThat(query(q)).isEqualTo(new QueryResult.Text("hello", 1767225600000L));
  }

  @Test
  void errorAnswerBecomesAQueryException() {
    server.enqueue(
        json(422, "{\"status\":\"error\",\"errorType\":\"422\",\"error\":\"cannot parse query\"}"));
    assertThatThrownBy(() -> query(querier(HttpAuth.none())))
        .isInstanceOf(QueryException.class)
        .hasMessage("HTTP 422: 422: cannot parse query");
  }

  @Test
  void errorWithStatus200IsStillAnError() {
    server.enqueue(
        json(
            200,
            "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"too many series\"}"));
    assertThatThrownBy(() -> query(querier(HttpAuth.none())))
        .hasMessage("execution: too many series");
  }

  @Test
  void serverErrorWithTextBody() {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("upstream unavailable\n"));
    assertThatThrownBy(() -> query(querier(HttpAuth.none())))
        .hasMessage("HTTP 503: upstream unavailable");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void malformedJsonIsAQueryException() {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"));
    assertThatThrownBy(() -> query(querier(HttpAuth.none()))).isInstanceOf(QueryException.class);
  }

  @Test
  void matrixIsRejected() {
    server.enqueue(
        json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));
    assertThatThrownBy(() -> query(querier(HttpAuth.none()))).hasMessageContaining("matrix");
  }

  @Test
  void retriesOnceAfterAConnectionFailure() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(
        json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    assertThat(query(querier(HttpAuth.none())).asSamples()).isEmpty();
  }

  @Test
  void givesUpAfterTheSecondConnectionFailure() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }
    assertThatThrownBy(() -> query(querier(HttpAuth.none()))).hasMessageContaining("cannot reach");
  }

  @Test
  void timeoutIsNotRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    PrometheusApiQuerier q =
        new PrometheusApiQuerier(
            server.url("/").toString(), HttpAuth.none(), Duration.ofMillis(300));
    assertThatThrownBy(() -> query(q)).hasMessageContaining("timed out");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void basicAuthAndHeaders() throws Exception {
    server.enqueue(
        json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    HttpAuth auth =
        new HttpAuth(
            "u", "p", null, null, null, HttpAuth.parseHeaders("X-A: 1^^X-B: two"), false, null);
    query(querier(auth));
    RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getHeader("Authorization")).isEqualTo("Basic dTpw");
    assertThat(req.getHeader("X-A")).isEqualTo("1");
    assertThat(req.getHeader("X-B")).isEqualTo("two");
  }

  @Test
  void bearerTokenFromAFile(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "s3cret\n");
    server.enqueue(
        json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    query(querier(new HttpAuth(null, null, null, null, token, Map.of(), false, null)));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"))
        .isEqualTo("Bearer s3cret");
  }

  @Test
  void conflictingAuthIsRejected() {
    assertThatThrownBy(() -> new HttpAuth("u", null, null, "t", null, Map.of(), false, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpAuth.parseHeaders("nocolon"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeIsUnixSecondsWithMillis() {
    assertThat(PrometheusApiQuerier.seconds(1000)).isEqualTo("1");
    assertThat(PrometheusApiQuerier.seconds(1005)).isEqualTo("1.005");
  }
}
