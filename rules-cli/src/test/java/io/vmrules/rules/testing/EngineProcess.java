package io.vmrules.rules.testing;

import io.vmrules.testsupport.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rules run} as a child JVM (the test's class path, {@code io.vmrules.rules.cli.Main}), so a
 * test can kill it (SIGKILL), hang it up (SIGHUP) or stop it (SIGTERM) by its PID, and talk to its
 * HTTP API on a free loopback port. Output goes to a log file.
 */
public final class EngineProcess implements AutoCloseable {
  private final List<String> args;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private EngineProcess(List<String> args, Path log, int port) {
    this.args = List.copyOf(args);
    this.log = log;
    this.port = port;
  }

  /** Starts {@code rules run ARGS --httpListenAddr 127.0.0.1:<free port>}; returns once healthy. */
  public static EngineProcess start(List<String> args, Path log)
      throws IOException, InterruptedException {
    int port = FreePort.pick();
    EngineProcess e = new EngineProcess(args, log, port);
    e.restart();
    return e;
  }

  /** Starts the engine (again) with the same arguments and port. */
  public void restart() throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.vmrules.rules.cli.Main",
                "run"));
    cmd.addAll(args);
    cmd.addAll(List.of("--httpListenAddr", "127.0.0.1:" + port));
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "rules run exited " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (get("/-/healthy").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IOException("rules run did not become healthy:\n" + Files.readString(log));
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no flush, no goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM; waits for the clean stop and returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  /** SIGHUP: reload the rule files. */
  public void hangUp() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The sum of every sample of {@code name} on {@code /metrics} whose labels contain {@code
   * labelPart} (empty: all); 0 when there is none.
   */
  public double metric(String name, String labelPart) throws IOException, InterruptedException {
    double sum = 0;
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(get("/metrics").body());
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (labels.contains(labelPart)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
