package io.vmrules.rules.eval;

/** Port: runs instant queries against a Prometheus-compatible datasource. */
@FunctionalInterface
public interface Querier {
  /**
   * Runs one instant query.
   *
   * @throws QueryException when the datasource answers an error or cannot be reached
   */
  QueryResult query(QueryRequest request);
}
