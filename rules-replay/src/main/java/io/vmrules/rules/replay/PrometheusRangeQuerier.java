package io.vmrules.rules.replay;

import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.HttpClients;
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
 * The Prometheus range-query API at {@code --datasource.url}: {@code POST <url>/api/v1/query_range}
 * with {@code query}, {@code start}, {@code end}, {@code step}, the group's {@code params} and
 * {@code nocache=1}: VictoriaMetrics would otherwise align start and end to the step and answer
 * from a result cache that does not know about the samples replay has just written (Prometheus
 * ignores the parameter). Retries are the caller's: replay counts them per rule.
 */
public final class PrometheusRangeQuerier implements RangeQuerier {
  private static final int MAX_ERROR_BODY = 512;

  private final String endpoint;
  private final OkHttpClient client;
  private final HttpAuth auth;
  private final HttpAuth.FileCache files;

  public PrometheusRangeQuerier(String datasourceUrl, HttpAuth auth, Duration timeout) {
    String base =
        datasourceUrl.endsWith("/")
            ? datasourceUrl.substring(0, datasourceUrl.length() - 1)
            : datasourceUrl;
    this.endpoint = base + "/api/v1/query_range";
    this.auth = auth == null ? HttpAuth.none() : auth;
    this.client =
        HttpClients.build(this.auth, timeout)
            .newBuilder()
            .socketFactory(NoDelaySockets.INSTANCE)
            .build();
    this.files = new HttpAuth.FileCache(InstantSource.system());
  }

  @Override
  public List<RangeSeries> queryRange(RangeRequest q) {
    try (Response response = client.newCall(request(q)).execute()) {
      ResponseBody body = response.body();
      if (body == null) {
        throw new QueryException("empty answer with HTTP " + response.code());
      }
      String type = response.header("Content-Type", "");
      if (response.isSuccessful() || type.contains("json")) {
        try {
          return RangeResponseParser.parse(body.byteStream());
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
    } catch (InterruptedIOException timeout) {
      throw new QueryException("query timed out: " + timeout.getMessage(), timeout);
    } catch (IOException e) {
      throw new QueryException(
          "cannot reach " + HttpAuth.redactUrl(endpoint) + ": " + e.getMessage(), e);
    }
  }

  private Request request(RangeRequest q) {
    FormBody.Builder form =
        new FormBody.Builder(StandardCharsets.UTF_8)
            .add("query", q.expr())
            .add("start", seconds(q.start().toEpochMilli()))
            .add("end", seconds(q.end().toEpochMilli()))
            .add(
                "step",
                q.step().toMillis() % 1000 == 0
                    ? q.step().toSeconds() + "s"
                    : q.step().toMillis() + "ms")
            .add("nocache", "1");
    for (Map.Entry<String, List<String>> p : q.params().entrySet()) {
      for (String v : p.getValue()) {
        form.add(p.getKey(), v);
      }
    }
    Request.Builder b = new Request.Builder().url(endpoint).post(form.build());
    auth.headers().forEach(b::header);
    q.headers().forEach(b::header);
    String authorization = auth.authorization(files);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b.build();
  }

  /** Unix seconds with millisecond decimals, as Prometheus clients send them. */
  static String seconds(long millis) {
    long s = Math.floorDiv(millis, 1000);
    long ms = Math.floorMod(millis, 1000);
    return ms == 0 ? Long.toString(s) : String.format("%d.%03d", s, ms);
  }
}
