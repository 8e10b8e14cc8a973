package io.vmrules.rules.notify;

import io.vmrules.rules.delivery.Backoff;
import io.vmrules.rules.delivery.RetryingSender;
import io.vmrules.rules.delivery.SendQueue;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import io.vmrules.rules.http.InFlightCall;
import io.vmrules.rules.http.PeerRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
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
 * <p>{@link #send} only enqueues, to a {@link RetryingSender} with a coalescing queue of at most
 * {@code queueCapacity} alerts, one per label set: a newer notification of an alert replaces a
 * queued older one (so a long outage delivers each alert's latest state once, not every re-send),
 * and when the queue is full the oldest alert is dropped and counted. The sender posts batches of
 * up to {@code maxBatch}; a connection error, 429 or 5xx keeps the batch at the head of the queue
 * and retries it with exponential backoff until it is delivered; any other 4xx drops the batch
 * (retrying cannot help) and counts it.
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
  private final NotifierMetrics metrics;
  private final RetryingSender<Notification> sender;

  private final InFlightCall inFlight = new InFlightCall();

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
    this.metrics = b.metrics;
    this.sender =
        new RetryingSender<>(
            "notifier " + displayUrl,
            "notifier " + displayUrl,
            SendQueue.coalescing(b.queueCapacity, Notification::labels),
            new RetryingSender.Policy(
                b.maxBatch, Duration.ZERO, b.backoff, null, false, b.closeTimeout),
            RetryingSender.Transport.of(this::post, inFlight::cancel),
            new RetryingSender.Listener() {
              @Override
              public void sent(int items) {
                metrics.sent(displayUrl, items);
              }

              @Override
              public void requestFailed() {
                metrics.requestFailed(displayUrl);
              }

              @Override
              public void dropped(int items) {
                metrics.dropped(displayUrl, items);
              }

              @Override
              public void queueSize(int items) {
                metrics.queueSize(displayUrl, items);
              }
            });
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
    int dropped = sender.offer(alerts);
    if (dropped > 0) {
      LOG.warn(
          "notifier {}: queue full ({} alerts) or closed, dropped {}",
          displayUrl,
          capacity,
          dropped);
    }
  }

  /** Alerts waiting to be delivered, the batch being sent included. */
  public int queued() {
    return sender.queued();
  }

  /**
   * Posts {@code batch}, one request per set of group {@code notifier_headers}. When one request
   * fails the whole batch is tried again: Alertmanager takes an alert it already has as an update.
   */
  private RetryingSender.Attempt post(List<Notification> batch) {
    Map<Map<String, String>, List<Notification>> byHeaders = new LinkedHashMap<>();
    for (Notification n : batch) {
      byHeaders.computeIfAbsent(n.headers(), h -> new ArrayList<>()).add(n);
    }
    for (Map.Entry<Map<String, String>, List<Notification>> e : byHeaders.entrySet()) {
      RetryingSender.Attempt attempt = post(e.getValue(), e.getKey());
      if (attempt != RetryingSender.Attempt.SENT) {
        return attempt;
      }
    }
    return RetryingSender.Attempt.SENT;
  }

  private RetryingSender.Attempt post(List<Notification> batch, Map<String, String> headers) {
    Request.Builder request =
        new Request.Builder()
            .url(endpoint)
            .post(RequestBody.create(AlertmanagerPayload.encode(batch), JSON));
    try {
      PeerRequests.authorize(request, auth, secrets);
    } catch (RuntimeException e) {
      return RetryingSender.Attempt.retry(e.getMessage());
    }
    headers.forEach(request::header); // the group's, over --notifier.headers of the same name
    Call call = http.newCall(request.build());
    try (Response response = inFlight.execute(call)) {
      int code = response.code();
      if (code / 100 == 2) {
        return RetryingSender.Attempt.SENT;
      }
      String problem = "HTTP " + code + " " + excerpt(response.body());
      return code == 429 || code / 100 == 5
          ? RetryingSender.Attempt.retry(problem)
          : RetryingSender.Attempt.rejected(problem);
    } catch (IOException e) {
      return RetryingSender.Attempt.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
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
    sender.close();
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
