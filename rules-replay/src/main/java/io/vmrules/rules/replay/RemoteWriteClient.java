package io.vmrules.rules.replay;

import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import io.vmrules.rules.remotewrite.RemoteWriteTarget;
import io.vmrules.rules.remotewrite.WriteRequestEncoder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Prometheus remote write 1.0 (the engine's {@link RemoteWriteTarget} and {@link
 * WriteRequestEncoder}, one time series per series), one synchronous request per batch of at most
 * {@code maxBatchSize} points: {@link #write} returns once the target accepted them. Retries are
 * the caller's.
 */
public final class RemoteWriteClient implements SampleWriter, AutoCloseable {
  private final RemoteWriteTarget target;
  private final OkHttpClient client;
  private final int maxBatchSize;

  public RemoteWriteClient(String url, HttpAuth auth, Duration timeout, int maxBatchSize) {
    if (maxBatchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.target = new RemoteWriteTarget(url, auth, "vmrules-replay");
    // one request after another: without TCP_NODELAY each body waits for a delayed ACK
    this.client =
        HttpClients.noDelay(HttpClients.build(auth == null ? HttpAuth.none() : auth, timeout));
    this.maxBatchSize = maxBatchSize;
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
    byte[] body = WriteRequestEncoder.snappy(WriteRequestEncoder.encodeSeries(batch));
    try (Response r = client.newCall(target.request(body)).execute()) {
      if (r.isSuccessful()) {
        return;
      }
      throw new WriteException(
          "remote write to " + target.redactedUrl() + ": " + RemoteWriteTarget.refusal(r),
          RemoteWriteTarget.retryable(r));
    } catch (IOException e) {
      throw new WriteException(
          "cannot reach " + target.redactedUrl() + ": " + e.getMessage(), true);
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
