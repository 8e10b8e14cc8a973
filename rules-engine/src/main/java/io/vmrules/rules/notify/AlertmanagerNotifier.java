package io.vmrules.rules.notify;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import io.vmrules.rules.http.PeerRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to one Alertmanager ({@code POST <url>/api/v2/alerts}) from its own thread.
 *
 * <p>{@link #send} only enqueues. The queue holds at most {@code queueCapacity} alerts, one per
 * label set: a newer notification of an alert replaces a queued older one (so a long outage
 * delivers each alert's latest state once, not every re-send), and when the queue is full the
 * oldest alert is dropped and counted. The sender posts batches of up to {@code maxBatch}; a
 * connection error, 429 or 5xx keeps the batch at the head of the queue and retries it with
 * exponential backoff until it is delivered; any other 4xx drops the batch (retrying cannot help)
 * and counts it.
 *
 * <p>Authentication, extra headers and TLS come from the same {@link HttpAuth} as the datasource's.
 * Credentials in the URL ({@code http://user:pass@host}) become basic auth; logs, metrics and
 * errors only ever show the URL without them.
 */
public final class AlertmanagerNotifier implements Notifier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerNotifier.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final String endpoint;
  private final String displayUrl;
  private final HttpAuth auth;
  private final HttpAuth.FileCache secrets;
  private final OkHttpClient http;
  private final int capacity;
  private final int maxBatch;
  private final Backoff backoff;
  private final NotifierMetrics metrics;
  private final Duration closeTimeout;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final LinkedHashMap<Labels, Notification> queue = new LinkedHashMap<>();
  private boolean closing;
  private long closeDeadline;
  private final Thread sender;

  private AlertmanagerNotifier(Builder b) {
    PeerRequests.Peer peer = PeerRequests.peer(b.url, b.auth);
    Target target = Target.parse(peer.url());
    this.endpoint = target.endpoint();
    this.displayUrl = target.display();
    this.auth = peer.auth();
    this.secrets = new HttpAuth.FileCache(b.clock);
    this.http =
        HttpClients.build(auth, b.timeout).newBuilder().retryOnConnectionFailure(false).build();
    this.capacity = b.queueCapacity;
    this.maxBatch = b.maxBatch;
    this.backoff = b.backoff;
    this.metrics = b.metrics;
    this.closeTimeout = b.closeTimeout;
    this.sender = new Thread(this::run, "notifier " + displayUrl);
    sender.setDaemon(true);
  }

  /** Starts the sender thread; construction has no side effects. */
  public AlertmanagerNotifier start() {
    sender.start();
    return this;
  }

  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The URL as logs and metrics show it: no credentials. */
  public String url() {
    return displayUrl;
  }

  @Override
  public void send(List<Notification> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    int dropped = 0;
    int size;
    lock.lock();
    try {
      if (closing) {
        dropped = alerts.size();
      } else {
        for (Notification n : alerts) {
          if (queue.put(n.labels(), n) == null && queue.size() > capacity) {
            Iterator<Labels> oldest = queue.keySet().iterator();
            oldest.next();
            oldest.remove();
            dropped++;
          }
        }
        changed.signalAll();
      }
      size = queue.size();
    } finally {
      lock.unlock();
    }
    metrics.queueSize(displayUrl, size);
    if (dropped > 0) {
      metrics.dropped(displayUrl, dropped);
      LOG.warn(
          "notifier {}: queue full ({} alerts), dropped {} oldest", displayUrl, capacity, dropped);
    }
  }

  /** Alerts waiting to be delivered. */
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    int failures = 0;
    while (true) {
      List<Notification> batch;
      lock.lock();
      try {
        while (queue.isEmpty() && !closing) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty() || (closing && closeDeadline - System.nanoTime() <= 0)) {
          return;
        }
        batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
        for (Notification n : queue.values()) {
          if (batch.size() == maxBatch) {
            break;
          }
          batch.add(n);
        }
      } finally {
        lock.unlock();
      }
      Outcome outcome = post(batch);
      if (outcome == Outcome.RETRY) {
        metrics.requestFailed(displayUrl);
        failures++;
        if (!awaitRetry(backoff.delay(failures))) {
          return;
        }
        continue;
      }
      failures = 0;
      int size = remove(batch);
      metrics.queueSize(displayUrl, size);
      if (outcome == Outcome.SENT) {
        metrics.sent(displayUrl, batch.size());
      } else {
        metrics.requestFailed(displayUrl);
        metrics.dropped(displayUrl, batch.size());
      }
    }
  }

  /** Removes the delivered alerts, unless a newer notification of the same alert replaced one. */
  private int remove(List<Notification> batch) {
    lock.lock();
    try {
      for (Notification n : batch) {
        queue.remove(n.labels(), n);
      }
      changed.signalAll();
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Waits before a retry; false when closing and the close deadline has passed. */
  private boolean awaitRetry(Duration delay) {
    lock.lock();
    try {
      long nanos = delay.toNanos();
      while (nanos > 0) {
        if (closing) {
          long left = closeDeadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          nanos = Math.min(nanos, left);
        }
        nanos = changed.awaitNanos(nanos);
      }
      return !closing || closeDeadline - System.nanoTime() > 0;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  private enum Outcome {
    SENT,
    RETRY,
    REJECTED
  }

  private Outcome post(List<Notification> batch) {
    Request.Builder request =
        new Request.Builder()
            .url(endpoint)
            .post(RequestBody.create(AlertmanagerPayload.encode(batch), JSON));
    try {
      PeerRequests.authorize(request, auth, secrets);
    } catch (RuntimeException e) {
      LOG.warn("notifier {}: {}", displayUrl, e.getMessage());
      return Outcome.RETRY;
    }
    try (Response response = http.newCall(request.build()).execute()) {
      int code = response.code();
      if (code / 100 == 2) {
        return Outcome.SENT;
      }
      String body = excerpt(response.body());
      if (code == 429 || code / 100 == 5) {
        LOG.warn(
            "notifier {}: HTTP {} {}; will retry {} alerts", displayUrl, code, body, batch.size());
        return Outcome.RETRY;
      }
      LOG.error(
          "notifier {}: HTTP {} {}; dropping {} alerts", displayUrl, code, body, batch.size());
      return Outcome.REJECTED;
    } catch (IOException e) {
      LOG.warn(
          "notifier {}: {}; will retry {} alerts",
          displayUrl,
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          batch.size());
      return Outcome.RETRY;
    }
  }

  private static String excerpt(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    String s = body.string().strip();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /**
   * Stops accepting alerts and tries to deliver what is queued for up to the close timeout; what is
   * left is counted as dropped.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      closeDeadline = System.nanoTime() + closeTimeout.toNanos();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      sender.join(closeTimeout.toMillis() + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      sender.interrupt();
    }
    int left;
    lock.lock();
    try {
      left = queue.size();
      queue.clear();
    } finally {
      lock.unlock();
    }
    if (left > 0) {
      metrics.dropped(displayUrl, left);
      LOG.warn("notifier {}: {} alerts not delivered at shutdown", displayUrl, left);
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** The endpoint to post to and the URL to show (credentials are gone: PeerRequests took them). */
  record Target(String endpoint, String display) {
    static Target parse(String url) {
      URI uri;
      try {
        uri = new URI(url.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("bad notifier URL: " + HttpAuth.redactUrl(url));
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "notifier URL must be http(s)://host[:port][/path]: " + HttpAuth.redactUrl(url));
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String base =
          uri.getScheme()
              + "://"
              + uri.getHost()
              + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
              + path;
      String endpoint = path.endsWith("/api/v2/alerts") ? base : base + "/api/v2/alerts";
      return new Target(endpoint, base);
    }
  }

  /** Settings for one Alertmanager; only the URL is required. */
  public static final class Builder {
    private final String url;
    private HttpAuth auth = HttpAuth.none();
    private InstantSource clock = InstantSource.system();
    private Duration timeout = Duration.ofSeconds(10);
    private int queueCapacity = 10_000;
    private int maxBatch = 64;
    private Backoff backoff = Backoff.defaults();
    private NotifierMetrics metrics = NotifierMetrics.NOOP;
    private Duration closeTimeout = Duration.ofSeconds(5);

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    public Builder auth(HttpAuth auth) {
      this.auth = Objects.requireNonNull(auth);
      return this;
    }

    /** Decides when secret files are read again (once a minute). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    public Builder maxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("batch size must be at least 1: " + maxBatch);
      }
      this.maxBatch = maxBatch;
      return this;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff);
      return this;
    }

    public Builder metrics(NotifierMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics);
      return this;
    }

    /** How long {@link #close} keeps trying to deliver what is queued. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = Objects.requireNonNull(closeTimeout);
      return this;
    }

    public AlertmanagerNotifier build() {
      return new AlertmanagerNotifier(this);
    }
  }
}
