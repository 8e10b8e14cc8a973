package io.vmrules.rules.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.testsupport.ExternalTool;
import io.vmrules.testsupport.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port with a
 * temporary storage directory, clustering off and a receiver that goes nowhere. {@link #stop} ends
 * the process by its PID; {@link #start} runs it again on the same port.
 */
public final class AlertmanagerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ExternalTool binary;
  private final Path dir;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private AlertmanagerProcess(ExternalTool binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  public static AlertmanagerProcess launch() throws IOException, InterruptedException {
    ExternalTool binary = find();
    Path dir = Files.createTempDirectory("am-test");
    Files.writeString(
        dir.resolve("alertmanager.yml"),
        """
        route:
          receiver: nowhere
          group_wait: 1s
        receivers:
          - name: nowhere
        """);
    int port = FreePort.pick();
    AlertmanagerProcess am = new AlertmanagerProcess(binary, dir, port);
    am.start();
    return am;
  }

  private static ExternalTool find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "prometheus-alertmanager"))) {
        return new ExternalTool(Path.of(dir, "prometheus-alertmanager"));
      }
    }
    return ExternalTool.require("alertmanager");
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                binary.path().toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("am.log").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("alertmanager exited: " + Files.readString(dir.resolve("am.log")));
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException("alertmanager did not become ready");
  }

  /** Stops the process (by its PID) and waits for it to exit. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds (active ones by default). */
  public JsonNode alerts() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v2/alerts").body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
