package io.vmrules.rules.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmrules.rules.delivery.Backoff;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.testsupport.Golden;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertmanagerNotifierTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));

  private MockWebServer server;
  private final List<AlertmanagerNotifier> notifiers = new ArrayList<>();
  private final CountingMetrics metrics = new CountingMetrics();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    notifiers.forEach(AlertmanagerNotifier::close);
    server.shutdown();
  }

  private AlertmanagerNotifier.Builder builder(String url) {
    return AlertmanagerNotifier.builder(url)
        .backoff(FAST)
        .metrics(metrics)
        .closeTimeout(Duration.ofMillis(200));
  }

  private AlertmanagerNotifier track(AlertmanagerNotifier n) {
    notifiers.add(n);
    return n.start();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private static Notification firing(String instance) {
    return new Notification(
        Labels.of("alertname", "Down", "alertgroup", "g", "instance", instance, "severity", "page"),
        Map.of("summary", instance + " is down", "description", "quote \" and\nnewline"),
        T0,
        T0.plus(Duration.ofMinutes(4)),
        "http://rules.example/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
  }

  private static Notification resolved(String instance) {
    return new Notification(
        Labels.of("alertname", "Down", "alertgroup", "g", "instance", instance),
        Map.of(),
        T0,
        T0.plusSeconds(90),
        "");
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  @Test
  void postsTheV2PayloadToEveryAlertsEndpoint() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    AlertmanagerNotifier n = track(builder(url() + "/").build());
    n.send(List.of(firing("a:9100"), resolved("b:9100")));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/api/v2/alerts");
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getHeader("Authorization")).isNull();
    Golden.assertMatches("notify/alertmanager-payload.json", r.getBody().readUtf8() + "\n");
    await().untilAsserted(() -> assertThat(metrics.sent.get()).isEqualTo(2));
    assertThat(n.queued()).isZero();
  }

  @Test
  void batchesUpToMaxBatch() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(200));
    }
    AlertmanagerNotifier n = track(builder(url()).maxBatch(2).build());
    n.send(List.of(firing("a"), firing("b"), firing("c"), firing("d"), firing("e")));
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sizes.add(countAlerts(take().getBody().readUtf8()));
    }
    assertThat(sizes).containsExactly(2, 2, 1);
    await().untilAsserted(() -> assertThat(metrics.sent.get()).isEqualTo(5));
  }

  @Test
  void retriesTheSameBatchAfter5xxUntilDelivered() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("overloaded"));
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(200));
    AlertmanagerNotifier n = track(builder(url()).build());
    n.send(List.of(firing("a")));
    String first = take().getBody().readUtf8();
    String second = take().getBody().readUtf8();
    String third = take().getBody().readUtf8();
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    await().untilAsserted(() -> assertThat(metrics.sent.get()).isEqualTo(1));
    assertThat(metrics.failed.get()).isEqualTo(2);
    assertThat(metrics.dropped.get()).isZero();
  }

  @Test
  void dropsAndCountsABatchRejectedWith4xx() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"message\":\"bad alert\"}"));
    server.enqueue(new MockResponse().setResponseCode(200));
    AlertmanagerNotifier n = track(builder(url()).build());
    n.send(List.of(firing("a")));
    take();
    await().untilAsserted(() -> assertThat(metrics.dropped.get()).isEqualTo(1));
    n.send(List.of(firing("b")));
    assertThat(take().getBody().readUtf8()).contains("\"instance\":\"b\"");
    await().untilAsserted(() -> assertThat(metrics.sent.get()).isEqualTo(1));
  }

  @Test
  void whileTheReceiverIsDownKeepsTheNewestUpToTheBoundAndDeliversThemAfterRecovery()
      throws Exception {
    int port = server.getPort();
    server.shutdown();
    AlertmanagerNotifier n =
        track(builder("http://127.0.0.1:" + port).queueCapacity(3).maxBatch(10).build());
    n.send(List.of(firing("a"), firing("b")));
    n.send(List.of(firing("c"), firing("d"), firing("e")));
    // a re-send of a queued alert replaces it instead of taking another place
    n.send(List.of(firing("e")));
    assertThat(n.queued()).isEqualTo(3);
    assertThat(metrics.dropped.get()).isEqualTo(2);
    await().untilAsserted(() -> assertThat(metrics.failed.get()).isGreaterThanOrEqualTo(2));

    server = new MockWebServer();
    server.enqueue(new MockResponse().setResponseCode(200));
    server.start(InetAddress.getLoopbackAddress(), port);
    String body = take().getBody().readUtf8();
    assertThat(countAlerts(body)).isEqualTo(3);
    assertThat(body).contains("\"instance\":\"c\"", "\"instance\":\"d\"", "\"instance\":\"e\"");
    assertThat(body).doesNotContain("\"instance\":\"a\"", "\"instance\":\"b\"");
    await().untilAsserted(() -> assertThat(metrics.sent.get()).isEqualTo(3));
    assertThat(n.queued()).isZero();
  }

  @Test
  void aNewerStateOfAQueuedAlertReplacesIt() throws Exception {
    int port = server.getPort();
    server.shutdown();
    AlertmanagerNotifier n = track(builder("http://127.0.0.1:" + port).build());
    Notification fire = firing("a");
    Notification resolve =
        new Notification(
            fire.labels(), fire.annotations(), T0, T0.plusSeconds(60), fire.generatorURL());
    n.send(List.of(fire));
    n.send(List.of(resolve));
    assertThat(n.queued()).isEqualTo(1);
    // two more failed attempts: the one that may have taken "fire" before "resolve" replaced it has
    // ended, so whatever reaches the server next was built from the queue holding "resolve" only
    int failed = metrics.failed.get();
    await()
        .untilAsserted(() -> assertThat(metrics.failed.get()).isGreaterThanOrEqualTo(failed + 2));
    server = new MockWebServer();
    server.enqueue(new MockResponse().setResponseCode(200));
    server.start(InetAddress.getLoopbackAddress(), port);
    String body = take().getBody().readUtf8();
    assertThat(countAlerts(body)).isEqualTo(1);
    assertThat(body).contains("\"endsAt\":\"2024-05-01T12:01:00Z\"");
  }

  @Test
  void credentialsInTheUrlBecomeBasicAuthAndNeverShow() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    AlertmanagerNotifier n =
        track(builder("http://alice:s3cr%3At@127.0.0.1:" + server.getPort() + "/am").build());
    assertThat(n.url())
        .isEqualTo("http://127.0.0.1:" + server.getPort() + "/am")
        .doesNotContain("s3cr");
    n.send(List.of(firing("a")));
    RecordedRequest r = take();
    assertThat(r.getPath()).isEqualTo("/am/api/v2/alerts");
    assertThat(r.getHeader("Authorization")).isEqualTo("Basic YWxpY2U6czNjcjp0");
    assertThat(metrics.urls).allSatisfy(u -> assertThat(u).doesNotContain("s3cr"));
  }

  @Test
  void bearerTokenFileIsReadAgainOnceAMinuteAndHeadersAreAdded(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "first\n");
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(200));
    }
    MutableClock clock = new MutableClock(T0);
    HttpAuth auth =
        new HttpAuth(null, null, null, null, token, Map.of("X-Scope-OrgID", "team-a"), false, null);
    AlertmanagerNotifier n = track(builder(url()).auth(auth).clock(clock).build());
    n.send(List.of(firing("a")));
    RecordedRequest first = take();
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer first");
    assertThat(first.getHeader("X-Scope-OrgID")).isEqualTo("team-a");
    Files.writeString(token, "second");
    n.send(List.of(firing("b")));
    assertThat(take().getHeader("Authorization")).isEqualTo("Bearer first");
    clock.now = T0.plus(Duration.ofMinutes(1));
    n.send(List.of(firing("c")));
    assertThat(take().getHeader("Authorization")).isEqualTo("Bearer second");
  }

  @Test
  void eachGroupsNotifierHeadersGoWithItsOwnAlertsOnly() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    server.enqueue(new MockResponse().setResponseCode(200));
    HttpAuth auth =
        new HttpAuth(null, null, null, null, null, Map.of("X-Scope-OrgID", "global"), false, null);
    AlertmanagerNotifier n = track(builder(url()).auth(auth).maxBatch(10).build());
    n.send(
        List.of(
            firing("a").withHeaders(Map.of("X-Scope-OrgID", "team-a", "X-Team", "a")),
            firing("b")));
    Map<String, RecordedRequest> byInstance = new java.util.HashMap<>();
    for (int i = 0; i < 2; i++) {
      RecordedRequest r = take();
      String body = r.getBody().readUtf8();
      byInstance.put(body.contains("\"a\"") ? "a" : "b", r);
      assertThat(body).containsOnlyOnce("\"instance\"");
    }
    assertThat(byInstance.get("a").getHeader("X-Scope-OrgID")).isEqualTo("team-a");
    assertThat(byInstance.get("a").getHeader("X-Team")).isEqualTo("a");
    assertThat(byInstance.get("b").getHeader("X-Scope-OrgID")).isEqualTo("global");
    assertThat(byInstance.get("b").getHeader("X-Team")).isNull();
  }

  static final class MutableClock implements java.time.InstantSource {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void secretsStayOutOfErrors() {
    assertThatThrownBy(() -> AlertmanagerNotifier.builder("ftp://bob:hunter2@host").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void closeDeliversWhatIsQueuedAndCountsTheRestAsDropped() throws Exception {
    int port = server.getPort();
    server.shutdown();
    AlertmanagerNotifier n = builder("http://127.0.0.1:" + port).build();
    n.send(List.of(firing("a"), firing("b")));
    n.close();
    assertThat(metrics.dropped.get()).isEqualTo(2);
    n.send(List.of(firing("c")));
    assertThat(metrics.dropped.get()).isEqualTo(3);
  }

  private static int countAlerts(String body) {
    int count = 0;
    for (int i = body.indexOf("\"startsAt\""); i >= 0; i = body.indexOf("\"startsAt\"", i + 1)) {
      count++;
    }
    return count;
  }

  static final class CountingMetrics implements NotifierMetrics {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final java.util.Set<String> urls = ConcurrentHashMap.newKeySet();

    @Override
    public void sent(String url, int count) {
      urls.add(url);
      sent.addAndGet(count);
    }

    @Override
    public void requestFailed(String url) {
      urls.add(url);
      failed.incrementAndGet();
    }

    @Override
    public void dropped(String url, int count) {
      urls.add(url);
      dropped.addAndGet(count);
    }
  }
}
