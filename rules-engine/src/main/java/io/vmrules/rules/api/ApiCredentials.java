package io.vmrules.rules.api;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Basic auth for the HTTP API ({@code --httpAuth.username}, {@code --httpAuth.password}).
 * Compares in constant time; never logs or shows the password.
 */
public final class ApiCredentials extends BasicAuthenticator {
  private final byte[] username;
  private final byte[] password;

  public ApiCredentials(String username, String password) {
    super("rules");
    this.username = Objects.requireNonNull(username, "username").getBytes(StandardCharsets.UTF_8);
    this.password = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    if (username.isEmpty()) {
      throw new IllegalArgumentException("the API username must not be empty");
    }
  }

  @Override
  public boolean checkCredentials(String user, String pass) {
    boolean u = MessageDigest.isEqual(username, (user == null ? "" : user).getBytes(StandardCharsets.UTF_8));
    boolean p = MessageDigest.isEqual(password, (pass == null ? "" : pass).getBytes(StandardCharsets.UTF_8));
    return u & p;
  }

  @Override
  public String toString() {
    return "ApiCredentials[<secret>]";
  }
}
