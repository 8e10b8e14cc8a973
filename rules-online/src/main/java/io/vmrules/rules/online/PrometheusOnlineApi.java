package io.vmrules.rules.online;

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
import javax.net.ssl.SSLException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Prometheus API at {@code --datasource.url} through the same pieces as {@code rules run}'s
 * datasource adapter: {@link HttpClients} (timeouts, TLS) and {@link PeerRequests} (headers, basic
 * auth or bearer token, credentials in the URL). Queries go as POST forms; label questions as GET
 * (Prometheus answers label values on GET only).
 */
public final class PrometheusOnlineApi implements OnlineApi {
  private static final int MAX_ERROR_BODY = 300;

  private final String base;
  private final String shown;
  private final OkHttpClient client;
  private final HttpAuth auth;
  private final HttpAuth.FileCache files;

  public PrometheusOnlineApi(String datasourceUrl, HttpAuth auth, Duration timeout) {
    PeerRequests.Peer peer = PeerRequests.peer(datasourceUrl, auth);
    String url = peer.url();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.shown = HttpAuth.redactUrl(base);
    this.auth = peer.auth();
    this.client = HttpClients.build(this.auth, timeout);
    this.files = new HttpAuth.FileCache(InstantSource.system());
  }

  /** The URL as messages show it (no credentials). */
  public String url() {
    return shown;
  }

  @Override
  public Answer ask(Question q) {
    Request request = request(q);
    long start = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      return answer(q, response, start);
    } catch (OnlineException e) {
      throw e;
    } catch (InterruptedIOException timeout) {
      throw new OnlineException(
          OnlineException.Kind.REFUSED,
          "the query timed out (" + timeout.getMessage() + "; see --online.timeout)",
          timeout);
    } catch (SSLException e) {
      throw new OnlineException(
          OnlineException.Kind.UNREACHABLE, "TLS failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new OnlineException(
          OnlineException.Kind.UNREACHABLE, "cannot connect: " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private Answer answer(Question q, Response response, long start) throws IOException {
    ResponseBody body = response.body();
    int code = response.code();
    if (body == null) {
      throw new OnlineException(OnlineException.Kind.UNREACHABLE, "empty answer, HTTP " + code);
    }
    if (code == 401 || code == 403 || code == 407) {
      throw new OnlineException(
          OnlineException.Kind.UNREACHABLE,
          "HTTP "
              + code
              + " (authentication refused; see --datasource.basicAuth.* and --datasource.bearerToken*): "
              + snippet(body.string()));
    }
    if (code == 404 || code == 405) {
      throw new OnlineException(
          OnlineException.Kind.UNREACHABLE,
          "HTTP "
              + code
              + " for "
              + q.path()
              + ": is this a Prometheus query API (for a VictoriaMetrics cluster,"
              + " http://vmselect:8481/select/0/prometheus)?");
    }
    if (code >= 500 && code != 503) {
      throw new OnlineException(
          OnlineException.Kind.UNREACHABLE, "HTTP " + code + ": " + snippet(body.string()));
    }
    String type = response.header("Content-Type", "");
    if (code / 100 != 2 && !type.contains("json")) {
      throw new OnlineException(
          OnlineException.Kind.REFUSED, "HTTP " + code + ": " + snippet(body.string()));
    }
    try {
      return AnswerReader.read(body.byteStream(), q.keep(), q.currentFrom(), start);
    } catch (AnswerReader.ErrorAnswer e) {
      throw new OnlineException(OnlineException.Kind.REFUSED, e.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new OnlineException(
          OnlineException.Kind.UNREACHABLE,
          "HTTP "
              + code
              + ": the answer is not the Prometheus API's JSON ("
              + e.getOriginalMessage()
              + ")",
          e);
    }
  }

  private static String snippet(String text) {
    String t = text.strip();
    return t.length() > MAX_ERROR_BODY ? t.substring(0, MAX_ERROR_BODY) + "…" : t;
  }

  private Request request(Question q) {
    Request.Builder b;
    if (q.asksForValues()) {
      HttpUrl parsed = HttpUrl.parse(base + q.path());
      if (parsed == null) {
        throw new OnlineException(OnlineException.Kind.UNREACHABLE, "bad URL: " + shown);
      }
      HttpUrl.Builder url = parsed.newBuilder();
      for (Map.Entry<String, List<String>> p : q.params().entrySet()) {
        for (String v : p.getValue()) {
          url.addQueryParameter(p.getKey(), v);
        }
      }
      b = new Request.Builder().url(url.build()).get();
    } else {
      FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
      for (Map.Entry<String, List<String>> p : q.params().entrySet()) {
        for (String v : p.getValue()) {
          form.add(p.getKey(), v);
        }
      }
      b = new Request.Builder().url(base + q.path()).post(form.build());
    }
    PeerRequests.authorize(b, auth, files);
    q.headers().forEach(b::header);
    return b.build();
  }
}
