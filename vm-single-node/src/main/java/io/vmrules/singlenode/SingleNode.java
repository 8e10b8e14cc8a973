package io.vmrules.singlenode;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One VictoriaMetrics single-node process on 127.0.0.1, started with {@link #FLAGS}, the flags that
 * make a fresh instance answer exactly at the requested timestamps (ARCHITECTURE.md says why each
 * is set). {@code rules test} ({@code LocalVictoriaMetrics}) and the tests ({@code
 * VictoriaMetricsProcess}) both start theirs here; the data directory, the port and what happens
 * around the process are theirs.
 */
public final class SingleNode {
  /**
   * Test samples are from 2000, the cache would answer from deleted data, and no latency offset.
   */
  public static final List<String> FLAGS =
      List.of(
          "-retentionPeriod=100y",
          "-search.disableCache",
          "-search.latencyOffset=0s",
          "-loggerLevel=ERROR");

  private final Process process;
  private final String url;

  private SingleNode(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** It started but did not answer {@code /health} in time, or exited: another port may do. */
  public static final class NotHealthy extends IOException {
    NotHealthy(String message) {
      super(message);
    }
  }

  /**
   * Starts {@code binary} on {@code port} with its data in {@code dataDir}, its output appended to
   * {@code log}, and waits until it answers {@code /health}.
   *
   * @throws NotHealthy when it exits or does not answer within {@code healthTimeout} (it is then
   *     stopped); the message ends with the log's last line
   * @throws IOException when the binary cannot be started
   */
  public static SingleNode start(
      String binary, int port, Path dataDir, Path log, Duration healthTimeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.add("-storageDataPath=" + dataDir);
    command.add("-httpListenAddr=127.0.0.1:" + port);
    command.addAll(FLAGS);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    SingleNode node = new SingleNode(p, "http://127.0.0.1:" + port);
    String problem = node.awaitHealthy(healthTimeout);
    if (problem == null) {
      return node;
    }
    node.stop(Duration.ofSeconds(5));
    String last = lastLine(log);
    throw new NotHealthy(binary + " " + problem + (last.isEmpty() ? "" : ": " + last));
  }

  /** Null once healthy; else what went wrong. */
  private String awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    URL health = URI.create(url + "/health").toURL();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "exited with status " + process.exitValue();
      }
      if (answers(health)) {
        return null;
      }
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
    return "did not become healthy within " + timeout.toSeconds() + " s";
  }

  /** java.base's HTTP client: the JDK's java.net.http would be one more module to load. */
  private static boolean answers(URL health) {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) health.openConnection();
      c.setConnectTimeout(5_000);
      c.setReadTimeout(5_000);
      int code = c.getResponseCode();
      c.getInputStream().readAllBytes();
      return code == 200;
    } catch (IOException notYet) {
      return false; // still starting
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static String lastLine(Path log) {
    try {
      String text = Files.exists(log) ? Files.readString(log).strip() : "";
      return text.substring(text.lastIndexOf('\n') + 1);
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code http://127.0.0.1:PORT}, the base of its HTTP API. */
  public String url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, then SIGKILL after {@code grace}; waits for it to exit. */
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
