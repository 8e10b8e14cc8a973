package io.vmrules.rules.online;

/**
 * A question the datasource did not answer. {@link Kind#UNREACHABLE}: it cannot be reached or
 * refuses everyone (connection, TLS, authentication, a wrong path, a server error) — the run stops
 * asking; {@link Kind#REFUSED}: it refused this question only (a query error, a limit, a timeout).
 */
public final class OnlineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether the failure is the datasource's as a whole or this question's. */
  public enum Kind {
    UNREACHABLE,
    REFUSED
  }

  private final Kind kind;

  public OnlineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public OnlineException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
