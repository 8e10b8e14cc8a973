package io.vmrules.rules.datasource;

import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
import io.vmrules.rules.http.PeerRequests;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Prometheus query API at {@code --datasource.url} (a vmselect tenant path, a VictoriaMetrics
 * single-node or a Prometheus): {@code POST <url>/api/v1/query} with {@code query}, {@code time},
 * {@code step} and the group's {@code params}. A connection failure is retried once; a timeout or
 * an HTTP error is not.
 */
public final class PrometheusApiQuerier implements Querier {
  private static final int MAX_ERROR_BODY = 512;

  private final String endpoint;
  private final OkHttpClient client;
  private final HttpAuth auth;
  private final HttpAuth.FileCache files;

  public PrometheusApiQuerier(String datasourceUrl, HttpAuth auth, Duration timeout) {
    this(datasourceUrl, auth, HttpClients.build(auth, timeout), InstantSource.system());
  }

  PrometheusApiQuerier(
      String datasourceUrl, HttpAuth auth, OkHttpClient client, InstantSource clock) {
    // user:password in the URL is sent as basic auth (the flags win), and shown nowhere
    PeerRequests.Peer peer = PeerRequests.peer(datasourceUrl, auth);
    String url = peer.url();
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.endpoint = base + "/api/v1/query";
    this.client = client;
    this.auth = peer.auth();
    this.files = new HttpAuth.FileCache(clock);
  }

  @Override
  public QueryResult query(QueryRequest q) {
    Request request = request(q);
    try {
      return execute(request);
    } catch (InterruptedIOException timeout) {
      throw new QueryException("query timed out: " + timeout.getMessage(), timeout);
    } catch (IOException first) {
      try {
        return execute(request);
      } catch (IOException second) {
        second.addSuppressed(first);
        throw new QueryException(
            "cannot reach " + HttpAuth.redactUrl(endpoint) + ": " + second.getMessage(), second);
      }
    }
  }

  private Request request(QueryRequest q) {
    FormBody.Builder form =
        new FormBody.Builder(StandardCharsets.UTF_8)
            .add("query", q.expr())
            .add("time", seconds(q.time().toEpochMilli()))
            .add(
                "step",
                q.step().toMillis() % 1000 == 0
                    ? q.step().toSeconds() + "s"
                    : q.step().toMillis() + "ms");
    for (Map.Entry<String, List<String>> p : q.params().entrySet()) {
      for (String v : p.getValue()) {
        form.add(p.getKey(), v);
      }
    }
    Request.Builder b = new Request.Builder().url(endpoint).post(form.build());
    PeerRequests.authorize(b, auth, files);
    q.headers().forEach(b::header);
    return b.build();
  }

  private QueryResult execute(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (body == null) {
        throw new QueryException("empty answer with HTTP " + response.code());
      }
      String type = response.header("Content-Type", "");
      if (response.isSuccessful() || type.contains("json")) {
        try {
          return QueryResponseParser.parse(body.byteStream());
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

  /** Unix seconds with millisecond decimals, as Prometheus clients send them. */
  static String seconds(long millis) {
    long s = Math.floorDiv(millis, 1000);
    long ms = Math.floorMod(millis, 1000);
    return ms == 0 ? Long.toString(s) : String.format("%d.%03d", s, ms);
  }
}
