package io.vmrules.dashboards;

import java.io.IOException;
import java.net.ServerSocket;
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
 * configured for tests (no latency offset, no cache). Stopped and cleaned up by {@link #close}.
 */
public final class VictoriaMetricsProcess implements AutoCloseable {
  private final Process process;
  private final Path data;
  private final String url;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private VictoriaMetricsProcess(Process process, Path data, String url) {
    this.process = process;
    this.data = data;
    this.url = url;
  }

  public static VictoriaMetricsProcess start() throws IOException, InterruptedException {
    Path binary = requireBinary("victoria-metrics");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("vm-test");
    Process p = new ProcessBuilder(
            binary.toString(),
            "-httpListenAddr=127.0.0.1:" + port,
            "-storageDataPath=" + data,
            "-retentionPeriod=100y",
            "-search.latencyOffset=0s",
            "-search.disableCache",
            "-loggerLevel=ERROR")
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("vm.log").toFile())
        .start();
    VictoriaMetricsProcess vm = new VictoriaMetricsProcess(p, data, "http://127.0.0.1:" + port);
    vm.awaitHealthy();
    return vm;
  }

  /** The binary on the PATH; skips the test when missing, fails it under CI=true. */
  static Path requireBinary(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String message = name + " is not installed (Debian package victoria-metrics; see scripts/ensure-deps.sh)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
    return null;
  }

  /** A range query from {@code start} to {@code end} (unix seconds) at {@code step} seconds. */
  public HttpResponse<String> queryRange(String expr, long start, long end, long step)
      throws IOException, InterruptedException {
    String body = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end
        + "&step=" + step;
    return post("/api/v1/query_range", body);
  }

  /** An instant query at {@code time} (unix seconds). */
  public HttpResponse<String> queryAt(String expr, long time) throws IOException, InterruptedException {
    return post("/api/v1/query", "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + time);
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public String url() {
    return url;
  }

  private void awaitHealthy() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("victoria-metrics exited: " + Files.readString(data.resolve("vm.log")));
      }
      try {
        if (get("/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.onSpinWait();
      process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    throw new IOException("victoria-metrics did not become healthy");
  }

  /** Imports samples in the Prometheus text format, then flushes them so queries see them. */
  public void importPrometheus(String text) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(url + "/api/v1/import/prometheus"))
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("import failed: " + r.statusCode() + " " + r.body());
    }
    get("/internal/force_flush");
  }

  /** An instant query; the response as it came. */
  public HttpResponse<String> query(String expr) throws IOException, InterruptedException {
    String body = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(URI.create(url + "/api/v1/query"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> walk = Files.walk(data)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
