package io.vmrules.rules.replay;

import java.util.List;

/** Port: runs range queries against a Prometheus-compatible datasource. */
@FunctionalInterface
public interface RangeQuerier {
  /**
   * Runs one range query.
   *
   * @throws io.vmrules.rules.eval.QueryException when the datasource answers an error or cannot be
   *     reached
   */
  List<RangeSeries> queryRange(RangeRequest request);
}
