package io.vmrules.rules.remotewrite;

import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes series to {@code --remoteWrite.url} with Prometheus remote write 1.0 (protobuf + snappy).
 * {@link #write} never blocks: samples go to a bounded queue and are dropped (and counted) when it
 * is full. One sender thread takes batches of up to {@code maxBatchSize} samples, or whatever
 * arrived within {@code flushInterval}, and retries failed requests (connection errors, 5xx, 429)
 * with exponential backoff; other 4xx answers drop the batch. {@link #close} sends what is queued.
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
  private final BlockingQueue<Sample> queue;
  private final Thread sender;
  private final Object sleeper = new Object();
  private volatile boolean closing;

  /** Set when close() gave up waiting: the sender drops what it holds and stops at once. */
  private volatile boolean abandoned;

  /**
   * The request on the wire, so that an abandoning close() can cancel it (socket reads ignore
   * interrupts).
   */
  private volatile okhttp3.Call inFlight;

  public RemoteWriteSeriesWriter(
      String url, HttpAuth auth, Options options, RemoteWriteMetrics metrics) {
    this.target = new RemoteWriteTarget(url, auth, "vmrules");
    this.client = HttpClients.build(auth, options.timeout());
    this.options = options;
    this.metrics = Objects.requireNonNull(metrics);
    this.queue = new ArrayBlockingQueue<>(options.maxQueueSize());
    this.sender = new Thread(this::sendLoop, "remote-write");
    sender.setDaemon(true);
  }

  /** Starts the sender thread; construction has no side effects. */
  public RemoteWriteSeriesWriter start() {
    sender.start();
    return this;
  }

  @Override
  public void write(List<Sample> samples) {
    if (closing) {
      metrics.samplesDropped(samples.size());
      return;
    }
    long dropped = 0;
    for (Sample s : samples) {
      if (!queue.offer(s)) {
        dropped++;
      }
    }
    if (dropped > 0) {
      metrics.samplesDropped(dropped);
      LOG.warn(
          "remote-write queue full ({} samples): dropped {} samples",
          options.maxQueueSize(),
          dropped);
    }
    metrics.queueSize(queue.size());
  }

  /** Samples waiting to be sent. */
  public int queued() {
    return queue.size();
  }

  private void sendLoop() {
    List<Sample> batch = new ArrayList<>(Math.min(options.maxBatchSize(), 16_384));
    while (true) {
      try {
        boolean stop = closing;
        fill(batch, stop);
        if (!batch.isEmpty()) {
          send(batch);
          batch.clear();
          metrics.queueSize(queue.size());
        } else if (stop) {
          return;
        }
      } catch (InterruptedException e) {
        // Interrupted only by close() after its deadline: what is in hand is dropped, not retried.
        metrics.samplesDropped(batch.size());
        return;
      } catch (RuntimeException e) {
        LOG.error("remote write: dropped a batch of {} samples: {}", batch.size(), e.toString());
        metrics.samplesDropped(batch.size());
        batch.clear();
      }
    }
  }

  /** Takes up to a batch: what is queued, then waits for more until the flush interval ends. */
  private void fill(List<Sample> batch, boolean draining) throws InterruptedException {
    int max = options.maxBatchSize();
    queue.drainTo(batch, max);
    if (draining || batch.size() >= max) {
      return;
    }
    long deadline = System.nanoTime() + options.flushInterval().toNanos();
    while (batch.size() < max && !closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Sample s =
          queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
      if (s != null) {
        batch.add(s);
        queue.drainTo(batch, max - batch.size());
      }
    }
  }

  private void send(List<Sample> batch) throws InterruptedException {
    byte[] body = WriteRequestEncoder.snappy(WriteRequestEncoder.encode(batch));
    Duration backoff = options.initialBackoff();
    long giveUpAt = System.nanoTime() + options.maxRetryDuration().toNanos();
    while (true) {
      String problem;
      boolean retry;
      okhttp3.Call call = client.newCall(target.request(body));
      inFlight = call;
      if (abandoned) {
        call.cancel();
      }
      try (Response r = call.execute()) {
        if (r.isSuccessful()) {
          metrics.samplesSent(batch.size());
          return;
        }
        problem = RemoteWriteTarget.refusal(r);
        retry = RemoteWriteTarget.retryable(r);
      } catch (IOException e) {
        problem = e.toString();
        retry = true;
      }
      metrics.requestFailed();
      if (abandoned) {
        throw new InterruptedException("close() timed out");
      }
      long now = System.nanoTime();
      // While shutting down, one more try only: close() must not hang on a dead endpoint.
      if (!retry
          || now + backoff.toNanos() > giveUpAt
          || (closing && backoff.compareTo(options.initialBackoff()) > 0)) {
        LOG.error(
            "remote write to {} failed, dropping {} samples: {}",
            target.redactedUrl(),
            batch.size(),
            problem);
        metrics.samplesDropped(batch.size());
        return;
      }
      LOG.warn(
          "remote write to {} failed, retrying in {}: {}", target.redactedUrl(), backoff, problem);
      synchronized (sleeper) {
        sleeper.wait(Math.max(1, backoff.toMillis()));
      }
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(options.maxBackoff()) > 0) {
        backoff = options.maxBackoff();
      }
    }
  }

  /** Sends what is queued (waiting at most the shutdown timeout), then stops. */
  @Override
  public void close() {
    closing = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    try {
      sender.join(options.shutdownTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      abandoned = true;
      okhttp3.Call call = inFlight;
      if (call != null) {
        call.cancel();
      }
      sender.interrupt();
      LOG.warn("remote write: shutdown timed out with {} samples queued", queue.size());
      try {
        sender.join(1_000); // an interrupted send returns at once; a blocked socket read times out
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int left = queue.size();
    if (left > 0) {
      metrics.samplesDropped(left);
      queue.clear();
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
