package io.vmrules.rules.eval;

/** A query failed: the datasource answered an error, or could not be reached. */
public class QueryException extends RuntimeException {
  public QueryException(String message) {
    super(message);
  }

  public QueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
