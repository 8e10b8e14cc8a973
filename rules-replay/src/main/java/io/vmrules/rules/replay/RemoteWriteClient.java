package io.vmrules.rules.replay;

import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Prometheus remote write 1.0 (protobuf + snappy, {@link SeriesEncoder}), one synchronous request
 * per batch of at most {@code maxBatchSize} points: {@link #write} returns once the target accepted
 * them. Retries are the caller's.
 */
public final class RemoteWriteClient implements SampleWriter, AutoCloseable {
  private static final MediaType PROTOBUF = MediaType.get("application/x-protobuf");
  private static final int MAX_ERROR_BODY = 300;

  private final String url;
  private final HttpAuth auth;
  private final HttpAuth.FileCache files;
  private final OkHttpClient client;
  private final int maxBatchSize;

  public RemoteWriteClient(String url, HttpAuth auth, Duration timeout, int maxBatchSize) {
    if (maxBatchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.url = normalize(url);
    this.auth = auth == null ? HttpAuth.none() : auth;
    this.client =
        HttpClients.build(this.auth, timeout)
            .newBuilder()
            .socketFactory(NoDelaySockets.INSTANCE)
            .build();
    this.files = new HttpAuth.FileCache(InstantSource.system());
    this.maxBatchSize = maxBatchSize;
  }

  /**
   * A bare base URL gets vmalert's and Prometheus' {@code /api/v1/write} path, as {@code rules run}
   * does.
   */
  static String normalize(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return u.endsWith("/api/v1/write") || u.contains("/api/v1/") || u.endsWith("/write")
        ? u
        : u + "/api/v1/write";
  }

  /**
   * Sends {@code series} in requests of at most {@code maxBatchSize} points, cutting series as
   * needed.
   */
  @Override
  public void write(List<RangeSeries> series) {
    List<RangeSeries> batch = new ArrayList<>();
    int points = 0;
    for (RangeSeries s : series) {
      int from = 0;
      while (from < s.size()) {
        int n = Math.min(s.size() - from, maxBatchSize - points);
        batch.add(
            from == 0 && n == s.size()
                ? s
                : new RangeSeries(
                    s.labels(),
                    Arrays.copyOfRange(s.timestampsMillis(), from, from + n),
                    Arrays.copyOfRange(s.values(), from, from + n)));
        from += n;
        points += n;
        if (points == maxBatchSize) {
          send(batch);
          batch.clear();
          points = 0;
        }
      }
    }
    if (!batch.isEmpty()) {
      send(batch);
    }
  }

  private void send(List<RangeSeries> batch) {
    byte[] body = SeriesEncoder.encode(batch);
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, PROTOBUF))
            .header("Content-Encoding", "snappy")
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .header("User-Agent", "vmrules-replay");
    auth.headers().forEach(b::header);
    String authorization = auth.authorization(files);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try (Response r = client.newCall(b.build()).execute()) {
      if (r.isSuccessful()) {
        return;
      }
      String text = r.body() == null ? "" : r.body().string();
      if (text.length() > MAX_ERROR_BODY) {
        text = text.substring(0, MAX_ERROR_BODY) + "…";
      }
      throw new WriteException(
          "remote write to " + HttpAuth.redactUrl(url) + ": HTTP " + r.code() + ": " + text.strip(),
          r.code() >= 500 || r.code() == 429);
    } catch (IOException e) {
      throw new WriteException(
          "cannot reach " + HttpAuth.redactUrl(url) + ": " + e.getMessage(), true);
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
