package io.vmrules.rules.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.http.HttpAuth;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteWriteSeriesWriterTest {
  private final MockWebServer server = new MockWebServer();
  private final Counts counts = new Counts();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static Sample sample(int i) {
    return new Sample(
        Labels.of("__name__", "r", "i", Integer.toString(i), "z", "ü\""), i + 0.5, 1_000L * i);
  }

  private static List<Sample> samples(int from, int to) {
    List<Sample> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(sample(i));
    }
    return out;
  }

  private RemoteWriteSeriesWriter writer(int queue, int batch, Duration flush) {
    RemoteWriteSeriesWriter.Options o =
        new RemoteWriteSeriesWriter.Options(
            queue,
            batch,
            flush,
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    return new RemoteWriteSeriesWriter(
            server.url("/").toString(),
            new HttpAuth("u", "p", null, null, null, Map.of("X-T", "1"), false, null),
            o,
            counts)
        .start();
  }

  @Test
  void encodesTheWriteRequestByHand() throws IOException {
    List<Sample> in = samples(0, 3);
    assertThat(WriteRequests.decodeRaw(WriteRequestEncoder.encode(in))).isEqualTo(in);
    assertThat(WriteRequests.decode(WriteRequestEncoder.snappy(WriteRequestEncoder.encode(in))))
        .isEqualTo(in);
  }

  @Test
  void sendsProtobufSnappyWithHeadersAndFlushesOnClose() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    RemoteWriteSeriesWriter w = writer(100, 100, Duration.ofHours(1));
    w.write(samples(0, 5));
    w.close();
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getPath()).isEqualTo("/api/v1/write");
    assertThat(r.getHeader("Content-Encoding")).isEqualTo("snappy");
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
    assertThat(r.getHeader("Authorization")).startsWith("Basic ");
    assertThat(r.getHeader("X-T")).isEqualTo("1");
    assertThat(WriteRequests.decode(r.getBody().readByteArray())).isEqualTo(samples(0, 5));
    assertThat(counts.sent.get()).isEqualTo(5);
  }

  @Test
  void batchesBySize() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(204));
    }
    RemoteWriteSeriesWriter w = writer(100, 4, Duration.ofHours(1));
    w.write(samples(0, 8));
    await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent.get() == 8);
    assertThat(server.getRequestCount()).isEqualTo(2);
    w.close();
  }

  @Test
  void batchesByTime() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    RemoteWriteSeriesWriter w = writer(100, 1000, Duration.ofMillis(50));
    w.write(samples(0, 2));
    await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent.get() == 2);
    assertThat(WriteRequests.decode(server.takeRequest().getBody().readByteArray())).hasSize(2);
    w.close();
  }

  @Test
  void retriesServerErrorsWithBackoff() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(429));
    server.enqueue(new MockResponse().setResponseCode(204));
    RemoteWriteSeriesWriter w = writer(100, 1000, Duration.ofMillis(10));
    w.write(samples(0, 3));
    await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent.get() == 3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(counts.failed.get()).isEqualTo(2);
    assertThat(counts.dropped.get()).isZero();
    w.close();
  }

  @Test
  void aCloseThatTimesOutStopsTheSenderAndDropsItsBatch() throws Exception {
    // A peer that accepts and never answers: the sender is stuck in its request when close() ends.
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      RemoteWriteSeriesWriter.Options o =
          new RemoteWriteSeriesWriter.Options(
              100,
              1000,
              Duration.ofMillis(10),
              Duration.ofMillis(10),
              Duration.ofMillis(50),
              Duration.ofMinutes(5),
              Duration.ofSeconds(30),
              Duration.ofMillis(300));
      long before = senderThreads();
      RemoteWriteSeriesWriter w =
          new RemoteWriteSeriesWriter(
                  "http://127.0.0.1:" + silent.getLocalPort(), HttpAuth.none(), o, counts)
              .start();
      w.write(samples(0, 3));
      java.net.Socket accepted = silent.accept(); // the request is in flight
      w.close();
      assertThat(senderThreads()).as("remote-write threads alive after close()").isEqualTo(before);
      assertThat(counts.dropped.get()).as("the batch in hand is dropped, not retried").isEqualTo(3);
      accepted.close();
    }
  }

  private static long senderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("remote-write"))
        .count();
  }

  @Test
  void clientErrorDropsTheBatch() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("bad labels"));
    RemoteWriteSeriesWriter w = writer(100, 1000, Duration.ofMillis(10));
    w.write(samples(0, 3));
    await().atMost(Duration.ofSeconds(10)).until(() -> counts.dropped.get() == 3);
    assertThat(server.getRequestCount()).isEqualTo(1);
    w.close();
  }

  @Test
  void fullQueueDropsAndCounts() {
    // nothing answers within the test: the sender holds its first batch, the queue fills up
    server.enqueue(new MockResponse().setResponseCode(204).setHeadersDelay(1, TimeUnit.SECONDS));
    server.enqueue(new MockResponse().setResponseCode(204));
    RemoteWriteSeriesWriter w = writer(5, 1, Duration.ofMillis(10));
    w.write(samples(0, 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.getRequestCount() == 1);
    w.write(samples(1, 10));
    assertThat(counts.dropped.get()).isEqualTo(4);
    assertThat(w.queued()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse().setResponseCode(204));
    }
    w.close();
    assertThat(counts.sent.get()).isEqualTo(6);
  }

  @Test
  void baseUrlGetsTheWritePath() {
    assertThat(RemoteWriteTarget.normalize("http://vm:8428"))
        .isEqualTo("http://vm:8428/api/v1/write");
    assertThat(RemoteWriteTarget.normalize("http://vminsert:8480/insert/0/prometheus/"))
        .isEqualTo("http://vminsert:8480/insert/0/prometheus/api/v1/write");
    assertThat(RemoteWriteTarget.normalize("http://vm:8428/api/v1/write"))
        .isEqualTo("http://vm:8428/api/v1/write");
  }

  static final class Counts implements RemoteWriteMetrics {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    @Override
    public void samplesSent(long count) {
      sent.addAndGet(count);
    }

    @Override
    public void samplesDropped(long count) {
      dropped.addAndGet(count);
    }

    @Override
    public void requestFailed() {
      failed.incrementAndGet();
    }
  }
}
