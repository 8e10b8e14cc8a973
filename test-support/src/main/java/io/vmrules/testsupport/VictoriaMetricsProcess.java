package io.vmrules.testsupport;

import io.vmrules.singlenode.SingleNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real VictoriaMetrics single-node on a free loopback port with a temporary data directory,
 * started as {@code rules test} starts its own ({@link SingleNode}: no latency offset, no cache,
 * 100 years' retention), restartable on the same port and data. Stopped and cleaned up by {@link
 * #close}.
 */
public final class VictoriaMetricsProcess implements AutoCloseable {
  private final ExternalTool binary;
  private final int port;
  private final Path data;
  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SingleNode node;

  private VictoriaMetricsProcess(ExternalTool binary, int port, Path data) {
    this.binary = binary;
    this.port = port;
    this.data = data;
    this.url = "http://127.0.0.1:" + port;
  }

  public static VictoriaMetricsProcess start() throws IOException, InterruptedException {
    ExternalTool binary = ExternalTool.require("victoria-metrics");
    int port = FreePort.pick();
    VictoriaMetricsProcess vm =
        new VictoriaMetricsProcess(binary, port, Files.createTempDirectory("vm-test"));
    vm.restart();
    return vm;
  }

  /** Starts the process (again, after {@link #stop}) on the same port and data directory. */
  public void restart() throws IOException, InterruptedException {
    node =
        SingleNode.start(
            binary.path().toString(), port, data, data.resolve("vm.log"), Duration.ofSeconds(30));
  }

  /** Stops the process by its PID (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  public void stop() {
    node.stop(Duration.ofSeconds(10));
  }

  public long pid() {
    return node.pid();
  }

  public String url() {
    return url;
  }

  /** Imports samples in the Prometheus text format, then flushes them so queries see them. */
  public void importPrometheus(String text) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/import/prometheus"))
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("import failed: " + r.statusCode() + " " + r.body());
    }
    get("/internal/force_flush");
  }

  /** Makes every sample received so far searchable ({@code /internal/force_flush}). */
  public void flush() throws IOException, InterruptedException {
    get("/internal/force_flush");
  }

  /** An instant query at the server's now; the response as it came. */
  public HttpResponse<String> query(String expr) throws IOException, InterruptedException {
    return post("/api/v1/query", "query=" + encode(expr));
  }

  /** An instant query at {@code time} (unix seconds). */
  public HttpResponse<String> queryAt(String expr, long time)
      throws IOException, InterruptedException {
    return post("/api/v1/query", "query=" + encode(expr) + "&time=" + time);
  }

  /** A range query from {@code start} to {@code end} (unix seconds) at {@code step} seconds. */
  public HttpResponse<String> queryRange(String expr, long start, long end, long step)
      throws IOException, InterruptedException {
    return post(
        "/api/v1/query_range",
        "query=" + encode(expr) + "&start=" + start + "&end=" + end + "&step=" + step);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    stop();
    try (Stream<Path> walk = Files.walk(data)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
