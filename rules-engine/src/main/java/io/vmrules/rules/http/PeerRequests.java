package io.vmrules.rules.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;

/**
 * What every request to a peer (datasource, remote write, remote read, Alertmanager) carries: the
 * one place that adds extra headers and the Authorization header, and that turns credentials
 * written into a URL ({@code http://user:pass@host}) into basic auth.
 */
public final class PeerRequests {
  private PeerRequests() {}

  /** A peer's URL without credentials, and the authentication to use with it. */
  public record Peer(String url, HttpAuth auth) {
    @Override
    public String toString() {
      return "Peer[url=" + url + ", auth=" + auth + "]";
    }
  }

  /**
   * {@code url}'s user and password become basic auth unless {@code auth} sets credentials of its
   * own (flags win); the URL loses them, so that nothing prints them.
   *
   * @throws IllegalArgumentException when the URL cannot be parsed
   */
  public static Peer peer(String url, HttpAuth auth) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad URL: " + HttpAuth.redactUrl(url));
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null) {
      return new Peer(url.strip(), auth);
    }
    String bare = url.strip().replaceFirst("//[^/@]*@", "//");
    if (auth.basicAuthUsername() != null
        || auth.bearerToken() != null
        || auth.bearerTokenFile() != null) {
      return new Peer(bare, auth);
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    return new Peer(
        bare,
        new HttpAuth(
            user,
            password,
            null,
            null,
            null,
            auth.headers(),
            auth.tlsInsecureSkipVerify(),
            auth.tlsCAFile(),
            auth.tlsCertFile(),
            auth.tlsKeyFile()));
  }

  /**
   * Adds {@code auth}'s extra headers and its Authorization header (reading secret files as
   * needed).
   */
  public static Request.Builder authorize(
      Request.Builder request, HttpAuth auth, HttpAuth.FileCache files) {
    auth.headers().forEach(request::header);
    String authorization = auth.authorization(files);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
