package io.vmrules.rules.datasource;

import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.RangeQuerier;
import io.vmrules.rules.eval.RangeRequest;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import io.vmrules.rules.http.PeerRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Prometheus query API at {@code --datasource.url} (a vmselect tenant path, a VictoriaMetrics
 * single-node or a Prometheus), for {@code rules run} and {@code rules replay} alike.
 *
 * <ul>
 *   <li>Instant queries: {@code POST <url>/api/v1/query} with {@code query}, {@code time}, {@code
 *       step} and the group's {@code params}. A connection failure is retried once; a timeout or an
 *       HTTP error is not.
 *   <li>Range queries: {@code POST <url>/api/v1/query_range} with {@code query}, {@code start},
 *       {@code end}, {@code step}, the group's {@code params} and {@code nocache=1}:
 *       VictoriaMetrics would otherwise align start and end to the step and answer from a result
 *       cache that does not know about the samples replay has just written (Prometheus ignores the
 *       parameter). Never retried here: replay counts retries per rule.
 * </ul>
 *
 * Every request carries the peer's headers and Authorization, then the group's {@code headers}
 * (which win, as in vmalert).
 */
public final class PrometheusApiQuerier implements Querier, RangeQuerier {
  private static final int MAX_ERROR_BODY = 512;

  private final String base;
  private final OkHttpClient client;
  private final HttpAuth auth;
  private final HttpAuth.FileCache files;

  public PrometheusApiQuerier(String datasourceUrl, HttpAuth auth, Duration timeout) {
    this(datasourceUrl, auth, HttpClients.build(auth, timeout), InstantSource.system());
  }

  /**
   * A querier on {@code TCP_NODELAY} sockets, for a caller that sends one query after another
   * ({@code rules replay}): with Nagle's algorithm each POST's body waits for the peer's delayed
   * ACK of its headers.
   */
  public static PrometheusApiQuerier noDelay(
      String datasourceUrl, HttpAuth auth, Duration timeout) {
    return new PrometheusApiQuerier(
        datasourceUrl,
        auth,
        HttpClients.noDelay(HttpClients.build(auth, timeout)),
        InstantSource.system());
  }

  PrometheusApiQuerier(
      String datasourceUrl, HttpAuth auth, OkHttpClient client, InstantSource clock) {
    // user:password in the URL is sent as basic auth (the flags win), and shown nowhere
    PeerRequests.Peer peer = PeerRequests.peer(datasourceUrl, auth);
    String url = peer.url();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.client = client;
    this.auth = peer.auth();
    this.files = new HttpAuth.FileCache(clock);
  }

  @Override
  public QueryResult query(QueryRequest q) {
    FormBody.Builder form =
        new FormBody.Builder(StandardCharsets.UTF_8)
            .add("query", q.expr())
            .add("time", seconds(q.time().toEpochMilli()))
            .add("step", step(q.step()));
    Request request = request("/api/v1/query", form, q.params(), q.headers());
    try {
      return execute(request, QueryResponseParser::parse);
    } catch (InterruptedIOException timeout) {
      throw timedOut(timeout);
    } catch (IOException first) {
      try {
        return execute(request, QueryResponseParser::parse);
      } catch (IOException second) {
        second.addSuppressed(first);
        throw unreachable("/api/v1/query", second);
      }
    }
  }

  @Override
  public List<RangeSeries> queryRange(RangeRequest q) {
    FormBody.Builder form =
        new FormBody.Builder(StandardCharsets.UTF_8)
            .add("query", q.expr())
            .add("start", seconds(q.start().toEpochMilli()))
            .add("end", seconds(q.end().toEpochMilli()))
            .add("step", step(q.step()))
            .add("nocache", "1");
    Request request = request("/api/v1/query_range", form, q.params(), q.headers());
    try {
      return execute(request, QueryResponseParser::parseRange);
    } catch (InterruptedIOException timeout) {
      throw timedOut(timeout);
    } catch (IOException e) {
      throw unreachable("/api/v1/query_range", e);
    }
  }

  private Request request(
      String path,
      FormBody.Builder form,
      Map<String, List<String>> params,
      Map<String, String> headers) {
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      for (String v : p.getValue()) {
        form.add(p.getKey(), v);
      }
    }
    Request.Builder b = new Request.Builder().url(base + path).post(form.build());
    PeerRequests.authorize(b, auth, files);
    headers.forEach(b::header);
    return b.build();
  }

  /**
   * Sends {@code request} and reads its answer with {@code parser}: a JSON answer is parsed even
   * with an HTTP error (Prometheus' error answers carry {@code errorType} and {@code error}); any
   * other body is quoted, cut to {@value #MAX_ERROR_BODY} characters.
   */
  private <T> T execute(Request request, Function<InputStream, T> parser) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (body == null) {
        throw new QueryException("empty answer with HTTP " + response.code());
      }
      String type = response.header("Content-Type", "");
      if (response.isSuccessful() || type.contains("json")) {
        try {
          return parser.apply(body.byteStream());
        } catch (QueryException e) {
          if (response.isSuccessful()) {
            throw e;
          }
          throw new QueryException("HTTP " + response.code() + ": " + e.getMessage(), e);
        }
      }
      String text = body.string();
      if (text.length() > MAX_ERROR_BODY) {
        text = text.substring(0, MAX_ERROR_BODY) + "…";
      }
      throw new QueryException("HTTP " + response.code() + ": " + text.strip());
    }
  }

  private static QueryException timedOut(InterruptedIOException timeout) {
    return new QueryException("query timed out: " + timeout.getMessage(), timeout);
  }

  private QueryException unreachable(String path, IOException e) {
    return new QueryException(
        "cannot reach " + HttpAuth.redactUrl(base + path) + ": " + e.getMessage(), e);
  }

  private static String step(Duration step) {
    return step.toMillis() % 1000 == 0 ? step.toSeconds() + "s" : step.toMillis() + "ms";
  }

  /** Unix seconds with millisecond decimals, as Prometheus clients send them. */
  static String seconds(long millis) {
    long s = Math.floorDiv(millis, 1000);
    long ms = Math.floorMod(millis, 1000);
    return ms == 0 ? Long.toString(s) : String.format("%d.%03d", s, ms);
  }
}
