package io.vmrules.rules.cluster;

/** The cluster's database refused or could not be reached; the message names no secret. */
public final class ClusterStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
