package io.vmrules.rules.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series of a range query's answer: its labels and its points, in time order. Arrays, not lists
 * of samples: a week at one minute is ten thousand points per series.
 */
public record RangeSeries(Labels labels, long[] timestampsMillis, double[] values) {
  public RangeSeries {
    Objects.requireNonNull(labels, "labels");
    if (timestampsMillis.length != values.length) {
      throw new IllegalArgumentException("as many timestamps as values");
    }
  }

  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeSeries s
        && labels.equals(s.labels)
        && Arrays.equals(timestampsMillis, s.timestampsMillis)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + Arrays.hashCode(timestampsMillis);
  }

  @Override
  public String toString() {
    return labels + " " + Arrays.toString(timestampsMillis) + " " + Arrays.toString(values);
  }
}
