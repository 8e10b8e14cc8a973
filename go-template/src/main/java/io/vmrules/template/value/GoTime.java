package io.vmrules.template.value;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/** Go's {@code time.Time}, printed as Go does: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
public record GoTime(Instant instant, ZoneOffset offset) {
  public static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";

  public GoTime {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(offset, "offset");
  }

  public static GoTime utc(Instant instant) {
    return new GoTime(instant, ZoneOffset.UTC);
  }

  /** Like Prometheus: seconds as a float, truncated to milliseconds. */
  public static GoTime fromUnixSeconds(double seconds) {
    long millis = (long) (seconds * 1e3);
    return utc(Instant.ofEpochMilli(millis));
  }

  public String format(String layout) {
    return GoTimeFormat.format(this, layout);
  }

  @Override
  public String toString() {
    return format(STRING_LAYOUT);
  }
}
