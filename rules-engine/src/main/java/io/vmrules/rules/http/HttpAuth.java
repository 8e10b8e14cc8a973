package io.vmrules.rules.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to authenticate and what to add to every request of one HTTP peer (datasource, remote write):
 * basic auth (password inline or from a file), a bearer token (inline or from a file, re-read every
 * minute so rotated tokens are picked up), extra headers, TLS options: skipping verification, a CA
 * file to verify the peer with, and a client certificate and key (PEM) to present to it.
 */
public record HttpAuth(
    String basicAuthUsername,
    String basicAuthPassword,
    Path basicAuthPasswordFile,
    String bearerToken,
    Path bearerTokenFile,
    Map<String, String> headers,
    boolean tlsInsecureSkipVerify,
    Path tlsCAFile,
    Path tlsCertFile,
    Path tlsKeyFile) {
  private static final Duration REREAD = Duration.ofMinutes(1);
  private static final String SECRET = "<secret>";

  public HttpAuth {
    headers = Collections.unmodifiableMap(new TreeMap<>(headers == null ? Map.of() : headers));
    if (bearerToken != null && bearerTokenFile != null) {
      throw new IllegalArgumentException("set a bearer token or a bearer token file, not both");
    }
    if (basicAuthPassword != null && basicAuthPasswordFile != null) {
      throw new IllegalArgumentException("set a basic auth password or a password file, not both");
    }
    if (bearerToken != null && basicAuthUsername != null) {
      throw new IllegalArgumentException("set basic auth or a bearer token, not both");
    }
    if ((tlsCertFile == null) != (tlsKeyFile == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs both its certificate file and its key file");
    }
  }

  /** Without a client certificate. */
  public HttpAuth(
      String basicAuthUsername,
      String basicAuthPassword,
      Path basicAuthPasswordFile,
      String bearerToken,
      Path bearerTokenFile,
      Map<String, String> headers,
      boolean tlsInsecureSkipVerify,
      Path tlsCAFile) {
    this(
        basicAuthUsername,
        basicAuthPassword,
        basicAuthPasswordFile,
        bearerToken,
        bearerTokenFile,
        headers,
        tlsInsecureSkipVerify,
        tlsCAFile,
        null,
        null);
  }

  /**
   * Shows what is set without any secret: passwords, tokens and header values (which may carry
   * credentials) are {@code <secret>}; file paths and the username are shown.
   */
  @Override
  public String toString() {
    Map<String, String> hidden = new TreeMap<>();
    headers.keySet().forEach(name -> hidden.put(name, SECRET));
    return "HttpAuth[basicAuthUsername="
        + basicAuthUsername
        + ", basicAuthPassword="
        + (basicAuthPassword == null ? null : SECRET)
        + ", basicAuthPasswordFile="
        + basicAuthPasswordFile
        + ", bearerToken="
        + (bearerToken == null ? null : SECRET)
        + ", bearerTokenFile="
        + bearerTokenFile
        + ", headers="
        + hidden
        + ", tlsInsecureSkipVerify="
        + tlsInsecureSkipVerify
        + ", tlsCAFile="
        + tlsCAFile
        + ", tlsCertFile="
        + tlsCertFile
        + ", tlsKeyFile="
        + tlsKeyFile
        + "]";
  }

  public static HttpAuth none() {
    return new HttpAuth(null, null, null, null, null, Map.of(), false, null);
  }

  /**
   * Parses vmalert's header flag: {@code "Name: value^^Other: value"}.
   *
   * @throws IllegalArgumentException for an entry without a colon
   */
  public static Map<String, String> parseHeaders(String flag) {
    Map<String, String> out = new TreeMap<>();
    if (flag == null || flag.isBlank()) {
      return out;
    }
    for (String entry : flag.split("\\^\\^")) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("header \"" + entry + "\" is not \"Name: value\"");
      }
      out.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
    }
    return out;
  }

  /** A URL fit for logs and messages: credentials in it ({@code //user:pass@host}) are replaced. */
  public static String redactUrl(String url) {
    return url == null ? null : url.replaceAll("//[^/@]*@", "//<redacted>@");
  }

  /** The {@code Authorization} header value, or null; reads token files as needed. */
  public String authorization(FileCache cache) {
    if (basicAuthUsername != null) {
      String password =
          basicAuthPasswordFile != null ? cache.read(basicAuthPasswordFile) : basicAuthPassword;
      String pair = basicAuthUsername + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    if (bearerToken != null) {
      return "Bearer " + bearerToken;
    }
    if (bearerTokenFile != null) {
      return "Bearer " + cache.read(bearerTokenFile);
    }
    return null;
  }

  /** Secret files, trimmed, re-read once a minute. */
  public static final class FileCache {
    private final Map<Path, Instant> readAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Path, String> values = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.time.InstantSource clock;

    public FileCache(java.time.InstantSource clock) {
      this.clock = clock;
    }

    String read(Path file) {
      Instant now = clock.instant();
      Instant at = readAt.get(file);
      if (at == null || !now.isBefore(at.plus(REREAD))) {
        try {
          values.put(file, Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
          if (!values.containsKey(file)) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
          }
        }
        readAt.put(file, now);
      }
      return values.get(file);
    }
  }
}
