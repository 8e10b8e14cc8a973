package io.vmrules.rules.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vmrules.rules.api.ApiCredentials;
import io.vmrules.rules.api.HttpApiServer;
import io.vmrules.rules.api.Readiness;
import io.vmrules.rules.api.Reloader;
import io.vmrules.rules.api.RulesApi;
import io.vmrules.rules.eval.GroupSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages and {@code /api/v1/rule} on the engine's HTTP server, behind basic auth. */
class WebUiHttpTest {
  private static final String AUTH =
      "Basic "
          + Base64.getEncoder().encodeToString("admin:hunter2".getBytes(StandardCharsets.UTF_8));
  private static final HttpClient http = HttpClient.newHttpClient();
  private static HttpApiServer server;
  private static String base;

  // one server for the class: closing one waits up to a second for the client's open connections
  @BeforeAll
  static void start() throws Exception {
    ApiCredentials auth = new ApiCredentials("admin", "hunter2");
    List<GroupSnapshot> groups = UiFixture.groups();
    server = new HttpApiServer("127.0.0.1:0", new PrometheusRegistry(), Readiness.ready());
    new RulesApi(() -> groups, new Readiness(), () -> Reloader.Result.ok("ok"), auth)
        .mount(server::handle);
    UiFixture.webUi(auth).mount(server::handle);
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pagesAndAssetsNeedTheApiCredentials() throws Exception {
    for (String path :
        List.of("/", "/groups", "/rule?group=node&rule=InstanceDown", "/status", "/ui/style.css")) {
      assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
      assertThat(
              get(
                      path,
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString("admin:x".getBytes(StandardCharsets.UTF_8)))
                  .statusCode())
          .as(path)
          .isEqualTo(401);
      assertThat(get(path, AUTH).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void pagesAreHtmlWithAPolicyThatAllowsOnlyTheEnginesOwnScripts() throws Exception {
    HttpResponse<String> r = get("/", AUTH);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .contains("default-src 'none'");
    assertThat(r.body()).startsWith("<!DOCTYPE html>");
    assertThat(get("/ui/app.js", AUTH).headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
  }

  @Test
  void unknownPathsAndRulesAre404AndWritesAre405() throws Exception {
    assertThat(get("/nope", AUTH).statusCode()).isEqualTo(404);
    assertThat(get("/ui/other.js", AUTH).statusCode()).isEqualTo(404);
    assertThat(get("/rule?group=node&rule=Nope", AUTH).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/rule?group=node&rule=Nope", AUTH).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/rule?group=node", AUTH).statusCode()).isEqualTo(400);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void ruleApiAnswersTheRuleWithItsHistoryNewestFirst() throws Exception {
    HttpResponse<String> r = get("/api/v1/rule?group=node&rule=InstanceDown", AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode data = new ObjectMapper().readTree(r.body()).path("data");
    assertThat(data.path("group").asText()).isEqualTo("node");
    assertThat(data.path("name").asText()).isEqualTo("InstanceDown");
    assertThat(data.path("alerts")).hasSize(2);
    JsonNode history = data.path("history");
    assertThat(history).hasSize(3);
    assertThat(history.get(0).path("time").asText()).isEqualTo("2024-05-01T12:01:00Z");
    assertThat(history.get(0).path("samples").asInt()).isEqualTo(2);
    assertThat(history.get(0).path("firing").asInt()).isEqualTo(2);
    JsonNode failed =
        new ObjectMapper()
            .readTree(get("/api/v1/rule?group=other%20%3C%26%3E&rule=Broken", AUTH).body())
            .path("data")
            .path("history")
            .get(0);
    assertThat(failed.path("error").asText()).contains("422 unprocessable");
  }

  @Test
  void bigPagesAreGzippedWhenAsked() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/groups"))
                .header("Authorization", AUTH)
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String html =
        new String(
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))
                .readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(html).contains("<h1>Groups</h1>");
  }
}
