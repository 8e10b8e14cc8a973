package io.vmrules.rules.api;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Basic auth for the HTTP API ({@code --httpAuth.username}, {@code --httpAuth.password}). Compares
 * in constant time; never logs or shows the password. Any malformed {@code Authorization} header
 * (bad base64, no colon, other schemes, oversized) is a 401, never a dropped connection (the JDK's
 * BasicAuthenticator threw on those); the scheme is case-insensitive, as in Go's server.
 */
public final class ApiCredentials extends Authenticator {
  private static final String CHALLENGE = "Basic realm=\"rules\"";
  private static final int MAX_HEADER = 8192;

  private final byte[] username;
  private final byte[] password;

  public ApiCredentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username").getBytes(StandardCharsets.UTF_8);
    this.password = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    if (username.isEmpty()) {
      throw new IllegalArgumentException("the API username must not be empty");
    }
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.length() <= MAX_HEADER) {
      String h = header.strip();
      int space = h.indexOf(' ');
      if (space > 0 && h.substring(0, space).equalsIgnoreCase("basic")) {
        String decoded = decode(h.substring(space + 1).strip());
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon >= 0
            && checkCredentials(decoded.substring(0, colon), decoded.substring(colon + 1))) {
          return new Success(new HttpPrincipal(decoded.substring(0, colon), "rules"));
        }
      }
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
    return new Retry(401);
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public boolean checkCredentials(String user, String pass) {
    boolean u =
        MessageDigest.isEqual(
            username, (user == null ? "" : user).getBytes(StandardCharsets.UTF_8));
    boolean p =
        MessageDigest.isEqual(
            password, (pass == null ? "" : pass).getBytes(StandardCharsets.UTF_8));
    return u & p;
  }

  @Override
  public String toString() {
    return "ApiCredentials[<secret>]";
  }
}
