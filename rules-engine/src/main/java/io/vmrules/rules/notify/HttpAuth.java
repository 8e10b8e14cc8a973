package io.vmrules.rules.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * How to authenticate to a receiver: nothing, basic auth, or a bearer token (literal, or read from
 * a file at each request so rotated tokens are picked up). {@link #toString} never shows secrets.
 */
public sealed interface HttpAuth {
  /** The {@code Authorization} header value, or null for none. */
  String header();

  HttpAuth NONE = new None();

  static HttpAuth basic(String username, String password) {
    return new Basic(username, password);
  }

  static HttpAuth bearer(String token) {
    return new Bearer(token);
  }

  static HttpAuth bearerFile(Path file) {
    return new BearerFile(file);
  }

  /** No authentication. */
  record None() implements HttpAuth {
    @Override
    public String header() {
      return null;
    }
  }

  /** Basic auth. */
  record Basic(String username, String password) implements HttpAuth {
    @Override
    public String header() {
      String raw = username + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=<secret>]";
    }
  }

  /** A literal bearer token. */
  record Bearer(String token) implements HttpAuth {
    @Override
    public String header() {
      return "Bearer " + token;
    }

    @Override
    public String toString() {
      return "Bearer[<secret>]";
    }
  }

  /** A bearer token read from a file at every request. */
  record BearerFile(Path file) implements HttpAuth {
    @Override
    public String header() {
      try {
        return "Bearer " + Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        // the path is not a secret; the content is never read into the message
        throw new UncheckedIOException("cannot read bearer token file " + file, e);
      }
    }
  }
}
