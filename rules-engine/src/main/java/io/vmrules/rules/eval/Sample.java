package io.vmrules.rules.eval;

import java.util.Objects;

/**
 * One value of one series at one time. For series to write, {@code labels} holds the metric name in
 * {@code __name__}.
 */
public record Sample(Labels labels, double value, long timestampMillis) {
  public Sample {
    Objects.requireNonNull(labels, "labels");
  }

  public String metricName() {
    return labels.get(Labels.METRIC_NAME);
  }
}
