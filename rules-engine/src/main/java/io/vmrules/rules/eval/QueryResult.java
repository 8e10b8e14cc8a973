package io.vmrules.rules.eval;

import java.util.List;

/** The answer of an instant query: a vector, a scalar or a string (which rules cannot use). */
public sealed interface QueryResult {
  /** An instant vector: zero or more series, each with one sample. */
  record Vector(List<Sample> samples) implements QueryResult {
    public Vector {
      samples = List.copyOf(samples);
    }
  }

  /** A scalar value. */
  record Scalar(double value, long timestampMillis) implements QueryResult {}

  /** A string value. */
  record Text(String value, long timestampMillis) implements QueryResult {}

  /**
   * The result as the samples a rule works on: a scalar becomes one series without labels (as
   * Prometheus' rule query function does); a string is an error.
   */
  default List<Sample> asSamples() {
    if (this instanceof Vector v) {
      return v.samples();
    }
    if (this instanceof Scalar s) {
      return List.of(new Sample(Labels.empty(), s.value(), s.timestampMillis()));
    }
    throw new QueryException("rule result is a string, not a vector or scalar");
  }
}
