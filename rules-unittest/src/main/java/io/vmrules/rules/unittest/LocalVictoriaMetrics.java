package io.vmrules.rules.unittest;

import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.remotewrite.WriteRequestEncoder;
import io.vmrules.singlenode.SingleNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A VictoriaMetrics single-node that {@code rules test} starts for itself ({@link SingleNode}: its
 * flags): a free 127.0.0.1 port, a temporary data directory, stopped and removed at the end (also
 * on Ctrl-C, by a shutdown hook).
 */
public final class LocalVictoriaMetrics implements AutoCloseable {
  private static final MediaType PROTOBUF = MediaType.get("application/x-protobuf");
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final SingleNode node;
  private final Path dataDir;
  private final String url;
  private final OkHttpClient http;
  private final Thread hook;

  private LocalVictoriaMetrics(SingleNode node, Path dataDir) {
    this.node = node;
    this.dataDir = dataDir;
    this.url = node.url();
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .build();
    this.hook = new Thread(this::stop, "rules-test-vm-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code binary} and waits until it answers {@code /health}; a port taken meanwhile is
   * tried again on another, three times at most.
   *
   * @throws IOException when it cannot be started or does not become healthy within 15 s
   */
  public static LocalVictoriaMetrics start(String binary) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("rules-test-vm");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        SingleNode node =
            SingleNode.start(
                binary,
                freePort(),
                dir.resolve("data"),
                dir.resolve("victoria-metrics.log"),
                Duration.ofSeconds(15));
        return new LocalVictoriaMetrics(node, dir);
      } catch (SingleNode.NotHealthy e) {
        last = e;
      } catch (IOException e) {
        deleteTree(dir);
        throw new IOException(
            "cannot start "
                + binary
                + " (install the victoria-metrics package or pass --vm.binary)",
            e);
      }
    }
    deleteTree(dir);
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The base URL of its Prometheus API. */
  public String url() {
    return url;
  }

  /** Writes samples (staleness markers kept bit for bit) and makes them searchable. */
  public void write(List<Sample> samples) {
    if (samples.isEmpty()) {
      return;
    }
    byte[] body = WriteRequestEncoder.snappy(WriteRequestEncoder.encode(samples));
    Request request =
        new Request.Builder()
            .url(url + "/api/v1/write")
            .header("Content-Encoding", "snappy")
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .post(RequestBody.create(body, PROTOBUF))
            .build();
    call(request, "remote write");
    flush();
  }

  /** Makes every sample received so far searchable. */
  public void flush() {
    call(new Request.Builder().url(url + "/internal/force_flush").build(), "flush");
  }

  /** Deletes every series: each test group starts from nothing. */
  public void deleteAll() {
    HttpUrl u =
        HttpUrl.get(url + "/api/v1/admin/tsdb/delete_series")
            .newBuilder()
            .addQueryParameter("match[]", "{__name__!=\"\"}")
            .build();
    call(new Request.Builder().url(u).post(RequestBody.create(new byte[0])).build(), "delete");
  }

  private void call(Request request, String what) {
    try (Response r = http.newCall(request).execute()) {
      if (!r.isSuccessful()) {
        String body = r.body() == null ? "" : r.body().string();
        throw new UncheckedIOException(
            new IOException("VictoriaMetrics " + what + ": HTTP " + r.code() + " " + body.strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("VictoriaMetrics " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs stop() itself
    }
  }

  private void stop() {
    node.stop(STOP_GRACE);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    deleteTree(dataDir);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is not worth failing the run for
    }
  }
}
