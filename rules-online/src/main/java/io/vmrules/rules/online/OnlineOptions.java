package io.vmrules.rules.online;

import java.time.Duration;

/**
 * How the online checks ask: how far back a series counts as existing, how many questions at once,
 * and the limits above which {@code online.alerts-count} and {@code online.query-cost} warn.
 *
 * @param lookback a selector with no series in {@code [now - lookback, now]} is missing
 * @param concurrency questions in flight at once
 * @param maxAlerts warn when a rule would produce more alerts than this, now or over the lookback
 * @param maxSeries warn when one evaluation reads more series than this
 * @param sample label sets or values kept per question (the rest are counted)
 */
public record OnlineOptions(
    Duration lookback, int concurrency, long maxAlerts, long maxSeries, int sample) {
  public OnlineOptions {
    if (lookback.isNegative() || lookback.isZero()) {
      throw new IllegalArgumentException("--online.lookback must be positive");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--online.concurrency must be at least 1");
    }
    if (maxAlerts < 0 || maxSeries < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
    if (sample < 1) {
      throw new IllegalArgumentException("sample must be at least 1");
    }
  }

  public static OnlineOptions defaults() {
    return new OnlineOptions(Duration.ofHours(1), 4, 100, 10_000, 200);
  }
}
