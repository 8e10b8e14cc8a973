package io.vmrules.rules.remotewrite;

import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.http.PeerRequests;
import java.io.IOException;
import java.time.InstantSource;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A remote-write 1.0 endpoint ({@code --remoteWrite.url}) and the requests it takes: the one place
 * for the URL's default path, the protocol's headers and the peer's auth, for {@code rules run}'s
 * queued writer and {@code rules replay}'s synchronous client.
 */
public final class RemoteWriteTarget {
  private static final MediaType PROTOBUF = MediaType.get("application/x-protobuf");
  private static final int MAX_ERROR_BODY = 300;

  private final String url;
  private final HttpAuth auth;
  private final HttpAuth.FileCache files;
  private final String userAgent;

  /**
   * @param userAgent what the requests say they come from
   * @throws IllegalArgumentException when the URL cannot be parsed
   */
  public RemoteWriteTarget(String url, HttpAuth auth, String userAgent) {
    // user:password in the URL is sent as basic auth (the flags win), and shown nowhere
    PeerRequests.Peer peer = PeerRequests.peer(url, auth == null ? HttpAuth.none() : auth);
    this.url = normalize(peer.url());
    this.auth = peer.auth();
    this.files = new HttpAuth.FileCache(InstantSource.system());
    this.userAgent = userAgent;
  }

  /** A bare base URL gets vmalert's and Prometheus' {@code /api/v1/write} path. */
  static String normalize(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return u.endsWith("/api/v1/write") || u.contains("/api/v1/") || u.endsWith("/write")
        ? u
        : u + "/api/v1/write";
  }

  /** The URL for logs and errors, without credentials. */
  public String redactedUrl() {
    return HttpAuth.redactUrl(url);
  }

  /** A POST of {@code body}, a snappy-compressed {@code WriteRequest}. */
  public Request request(byte[] body) {
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, PROTOBUF))
            .header("Content-Encoding", "snappy")
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .header("User-Agent", userAgent);
    return PeerRequests.authorize(b, auth, files).build();
  }

  /** {@code HTTP <code>: <body, cut>} for an answer that refused the write. */
  public static String refusal(Response r) throws IOException {
    String text = r.body() == null ? "" : r.body().string();
    if (text.length() > MAX_ERROR_BODY) {
      text = text.substring(0, MAX_ERROR_BODY) + "…";
    }
    return "HTTP " + r.code() + ": " + text.strip();
  }

  /** Whether trying again may help: 5xx and 429; other 4xx answers will not change. */
  public static boolean retryable(Response r) {
    return r.code() >= 500 || r.code() == 429;
  }
}
