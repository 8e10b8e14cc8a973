package io.vmrules.template.value;

/** Go's {@code time.Duration}: nanoseconds, printed as {@code 1h2m3.5s}. */
public record GoDuration(long nanos) {
  public double seconds() {
    return nanos / 1e9;
  }

  @Override
  public String toString() {
    return GoTimeFormat.duration(nanos);
  }
}
