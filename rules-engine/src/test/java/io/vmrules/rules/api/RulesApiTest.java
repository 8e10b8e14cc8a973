package io.vmrules.rules.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RulesApiTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final Readiness readiness = new Readiness();
  private final AtomicBoolean reloadSucceeds = new AtomicBoolean(true);
  private final AtomicInteger reloads = new AtomicInteger();
  private HttpServer server;

  private String start(ApiCredentials auth) throws Exception {
    return start(auth, false);
  }

  private String start(ApiCredentials auth, boolean mounted) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Reloader reloader =
        () -> {
          reloads.incrementAndGet();
          return reloadSucceeds.get()
              ? Reloader.Result.ok("reloaded 2 groups, 5 rules")
              : Reloader.Result.failed(
                  "rules/node.yml:3:5: error: unknown key \"exprr\" [rules.unknown-key]");
        };
    RulesApi api = new RulesApi(ApiFixture::groups, readiness, reloader, auth);
    if (mounted) {
      api.mount(server::createContext);
    } else {
      api.register(server);
    }
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private HttpResponse<String> get(String url, String authorization) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String authorization) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String pass) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void servesRulesWithFiltersAndAlerts() throws Exception {
    String base = start(null);
    HttpResponse<String> rules =
        get(base + "/api/v1/rules?type=alert&rule_name%5B%5D=InstanceDown", null);
    assertThat(rules.statusCode()).isEqualTo(200);
    assertThat(rules.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(rules.body())
        .contains("\"name\":\"InstanceDown\"")
        .doesNotContain("HighErrorRate", "job:up:sum");

    HttpResponse<String> alerts = get(base + "/api/v1/alerts", null);
    assertThat(alerts.body()).startsWith("{\"status\":\"success\",\"data\":{\"alerts\":[");

    HttpResponse<String> bad = get(base + "/api/v1/rules?type=nope", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"errorType\":\"bad_data\"");
  }

  @Test
  void readyOnlyAfterTheFirstRound() throws Exception {
    String base = start(null);
    assertThat(get(base + "/-/ready", null).statusCode()).isEqualTo(503);
    readiness.markReady();
    assertThat(get(base + "/-/ready", null).statusCode()).isEqualTo(200);
  }

  @Test
  void reloadAnswersSuccessOrTheErrorsAndOnlyOnPost() throws Exception {
    String base = start(null);
    assertThat(get(base + "/-/reload", null).statusCode()).isEqualTo(405);
    assertThat(reloads).hasValue(0);

    HttpResponse<String> ok = post(base + "/-/reload", null);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("reloaded 2 groups");

    reloadSucceeds.set(false);
    HttpResponse<String> failed = post(base + "/-/reload", null);
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).contains("running rules are kept", "unknown key \"exprr\"");
  }

  @Test
  void basicAuthGuardsTheApiButNotTheProbes() throws Exception {
    String base = start(new ApiCredentials("admin", "hunter2"));
    HttpResponse<String> anonymous = get(base + "/api/v1/rules", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(anonymous.body()).doesNotContain("hunter2");
    assertThat(get(base + "/api/v1/rules", basic("admin", "wrong")).statusCode()).isEqualTo(401);
    assertThat(get(base + "/api/v1/rules", basic("admin", "hunter2")).statusCode()).isEqualTo(200);
    assertThat(get(base + "/api/v1/alerts", basic("admin", "hunter2")).statusCode()).isEqualTo(200);
    assertThat(post(base + "/-/reload", null).statusCode()).isEqualTo(401);
    assertThat(reloads).hasValue(0);
    assertThat(get(base + "/-/ready", null).statusCode()).isEqualTo(503);
  }

  @Test
  void malformedAuthorizationHeadersGetA401NotADroppedConnection() throws Exception {
    String base = start(new ApiCredentials("admin", "hunter2"));
    for (String header :
        List.of(
            "Basic !!!!",
            "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
            "Basic  " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes()),
            "Bearer x",
            "Basic",
            "Basic " + "A".repeat(65_536))) {
      HttpResponse<String> r = get(base + "/api/v1/rules", header);
      assertThat(r.statusCode())
          .as(header.length() > 40 ? header.substring(0, 40) + "…" : header)
          .isEqualTo(401);
    }
    String lower =
        "basic " + java.util.Base64.getEncoder().encodeToString("admin:hunter2".getBytes());
    assertThat(get(base + "/api/v1/rules", lower).statusCode())
        .as("scheme is case-insensitive")
        .isEqualTo(200);
  }

  @Test
  void mountedHandlersCheckBasicAuthThemselves() throws Exception {
    String base = start(new ApiCredentials("admin", "hunter2"), true);
    HttpResponse<String> anonymous = get(base + "/api/v1/rules", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(get(base + "/api/v1/rules", basic("admin", "hunter2")).statusCode()).isEqualTo(200);
    assertThat(post(base + "/-/reload", basic("admin", "nope")).statusCode()).isEqualTo(401);
    assertThat(post(base + "/-/reload", basic("admin", "hunter2")).statusCode()).isEqualTo(200);
  }
}
