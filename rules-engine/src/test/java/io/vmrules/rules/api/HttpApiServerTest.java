package io.vmrules.rules.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpApiServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesAndMetricsAnswerTheirExactPathsOnlyAndHeadWithoutABody() throws Exception {
    try (HttpApiServer server =
        new HttpApiServer("127.0.0.1:0", new PrometheusRegistry(), Readiness.ready())) {
      server.start();
      String base = "http://127.0.0.1:" + server.port();
      assertThat(send("GET", base + "/-/healthy").statusCode()).isEqualTo(200);
      assertThat(send("GET", base + "/-/ready").statusCode()).isEqualTo(200);
      assertThat(send("GET", base + "/metrics").statusCode()).isEqualTo(200);
      assertThat(send("GET", base + "/-/healthy/anything").statusCode()).isEqualTo(404);
      assertThat(send("GET", base + "/metrics/anything").statusCode()).isEqualTo(404);
      assertThat(send("GET", base + "/-/ready/x").statusCode()).isEqualTo(404);
      HttpResponse<String> head = send("HEAD", base + "/-/healthy");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void halfSentRequestsDoNotBlockTheProbes() throws Exception {
    try (HttpApiServer server =
        new HttpApiServer("127.0.0.1:0", new PrometheusRegistry(), Readiness.ready())) {
      server.start();
      java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 100; i++) {
          java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
          s.getOutputStream().write("GET /api/v1/rules HTTP/1.1\r\nHost: x\r\n".getBytes());
          s.getOutputStream().flush();
          held.add(s);
        }
        HttpClient quick =
            HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();
        HttpResponse<String> healthy =
            quick.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/-/healthy"))
                    .timeout(java.time.Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(healthy.statusCode())
            .as("healthy within a second while 100 requests are half sent")
            .isEqualTo(200);
      } finally {
        for (java.net.Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void oversizedBodiesAndGarbageLeaveTheProbesAnswering() throws Exception {
    try (HttpApiServer server =
        new HttpApiServer("127.0.0.1:0", new PrometheusRegistry(), Readiness.ready())) {
      server.start();
      String base = "http://127.0.0.1:" + server.port();
      byte[] huge = new byte[32 * 1024 * 1024];
      try {
        HttpResponse<String> big =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isLessThan(500);
      } catch (java.io.IOException closedOnUs) {
        // the server may answer and close before reading 32 MB: fine, as long as it stays up
      }
      for (String garbage :
          java.util.List.of(
              "\u0000\u0001\u0002\r\n\r\n",
              "GET " + "/".repeat(100_000) + " HTTP/1.1\r\n\r\n",
              "GET /-/healthy HTTP/1.1\r\n" + "X: y\r\n".repeat(10_000) + "\r\n")) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
          s.getOutputStream().write(garbage.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
        }
      }
      HttpClient quick =
          HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();
      HttpResponse<String> healthy =
          quick.send(
              HttpRequest.newBuilder(URI.create(base + "/-/healthy"))
                  .timeout(java.time.Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(healthy.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void constructingBindsNothingAndATakenPortFailsStart() throws Exception {
    try (java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        HttpApiServer server =
            new HttpApiServer(
                "127.0.0.1:" + taken.getLocalPort(), new PrometheusRegistry(), Readiness.ready())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(server::start)
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("cannot listen on");
    }
  }
}
