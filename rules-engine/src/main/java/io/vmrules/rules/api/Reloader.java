package io.vmrules.rules.api;

/** Port: re-reads the rule files ({@code POST /-/reload}, SIGHUP). */
@FunctionalInterface
public interface Reloader {
  /** Reloads; never throws for bad rule files, it answers them. */
  Result reload();

  /**
   * The outcome: on failure the running rules stay and {@code message} says why (diagnostics, one
   * per line).
   */
  record Result(boolean success, String message) {
    public static Result ok(String message) {
      return new Result(true, message);
    }

    public static Result failed(String message) {
      return new Result(false, message);
    }
  }
}
