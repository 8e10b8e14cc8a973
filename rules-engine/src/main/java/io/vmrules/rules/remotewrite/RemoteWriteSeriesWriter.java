package io.vmrules.rules.remotewrite;

import io.vmrules.rules.delivery.Backoff;
import io.vmrules.rules.delivery.RetryingSender;
import io.vmrules.rules.delivery.SendQueue;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import io.vmrules.rules.http.InFlightCall;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes series to {@code --remoteWrite.url} with Prometheus remote write 1.0 (protobuf + snappy).
 * {@link #write} never blocks: samples go to a bounded FIFO queue and are dropped (and counted)
 * when it is full. The {@link RetryingSender} thread takes batches of up to {@code maxBatchSize}
 * samples, or whatever arrived within {@code flushInterval}, and retries failed requests
 * (connection errors, 5xx, 429) with exponential backoff for {@code maxRetryDuration} at most;
 * other 4xx answers drop the batch. {@link #close} sends what is queued (one more try for a failing
 * batch), for {@code shutdownTimeout} at most.
 */
public final class RemoteWriteSeriesWriter implements SeriesWriter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteSeriesWriter.class);

  /** Queue, batching and retry settings; vmalert's defaults. */
  public record Options(
      int maxQueueSize,
      int maxBatchSize,
      Duration flushInterval,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryDuration,
      Duration timeout,
      Duration shutdownTimeout) {
    public Options {
      if (maxQueueSize <= 0 || maxBatchSize <= 0) {
        throw new IllegalArgumentException("queue and batch sizes must be positive");
      }
    }

    public static Options defaults() {
      return new Options(
          100_000,
          10_000,
          Duration.ofSeconds(5),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30));
    }
  }

  private final RemoteWriteTarget target;
  private final OkHttpClient client;
  private final Options options;
  private final RemoteWriteMetrics metrics;
  private final RetryingSender<Sample> sender;

  private final InFlightCall inFlight = new InFlightCall();

  public RemoteWriteSeriesWriter(
      String url, HttpAuth auth, Options options, RemoteWriteMetrics metrics) {
    this.target = new RemoteWriteTarget(url, auth, "vmrules");
    this.client = HttpClients.build(auth, options.timeout());
    this.options = options;
    this.metrics = Objects.requireNonNull(metrics);
    this.sender =
        new RetryingSender<>(
            "remote write to " + target.redactedUrl(),
            "remote-write",
            SendQueue.fifo(options.maxQueueSize()),
            new RetryingSender.Policy(
                options.maxBatchSize(),
                options.flushInterval(),
                new Backoff(options.initialBackoff(), options.maxBackoff()),
                options.maxRetryDuration(),
                true,
                options.shutdownTimeout()),
            RetryingSender.Transport.of(this::post, inFlight::cancel),
            new RetryingSender.Listener() {
              @Override
              public void sent(int items) {
                metrics.samplesSent(items);
              }

              @Override
              public void requestFailed() {
                metrics.requestFailed();
              }

              @Override
              public void dropped(int items) {
                metrics.samplesDropped(items);
              }

              @Override
              public void queueSize(int items) {
                metrics.queueSize(items);
              }
            });
  }

  /** Starts the sender thread; construction has no side effects. */
  public RemoteWriteSeriesWriter start() {
    sender.start();
    return this;
  }

  @Override
  public void write(List<Sample> samples) {
    int dropped = sender.offer(samples);
    if (dropped > 0) {
      LOG.warn(
          "remote-write queue full ({} samples) or closed: dropped {} samples",
          options.maxQueueSize(),
          dropped);
    }
  }

  /** Samples waiting to be sent. */
  public int queued() {
    return sender.queued();
  }

  private RetryingSender.Attempt post(List<Sample> batch) {
    byte[] body = WriteRequestEncoder.snappy(WriteRequestEncoder.encode(batch));
    Call call = client.newCall(target.request(body));
    try (Response r = inFlight.execute(call)) {
      if (r.isSuccessful()) {
        return RetryingSender.Attempt.SENT;
      }
      String problem = RemoteWriteTarget.refusal(r);
      return RemoteWriteTarget.retryable(r)
          ? RetryingSender.Attempt.retry(problem)
          : RetryingSender.Attempt.rejected(problem);
    } catch (IOException e) {
      return RetryingSender.Attempt.retry(e.toString());
    }
  }

  /** Sends what is queued (waiting at most the shutdown timeout), then stops. */
  @Override
  public void close() {
    sender.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
