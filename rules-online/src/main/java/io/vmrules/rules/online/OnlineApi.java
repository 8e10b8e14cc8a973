package io.vmrules.rules.online;

/** The datasource's Prometheus API, as the online checks ask it. */
@FunctionalInterface
public interface OnlineApi {
  /**
   * @throws OnlineException when the datasource does not answer
   */
  Answer ask(Question question);
}
