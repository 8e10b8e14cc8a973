package io.vmrules.rules.eval;

import java.util.List;

/** Port: runs range queries against a Prometheus-compatible datasource. */
@FunctionalInterface
public interface RangeQuerier {
  /**
   * Runs one range query.
   *
   * @throws QueryException when the datasource answers an error or cannot be reached
   */
  List<RangeSeries> queryRange(RangeRequest request);
}
