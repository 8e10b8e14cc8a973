package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.DurationText;
import java.time.Duration;
import java.util.Optional;

/**
 * Durations in rule files: Prometheus' syntax ({@code model.ParseDuration}: integer parts with
 * units in decreasing order, {@code 1h30m}, {@code 0}) or vmalert's ({@code
 * metricsql.DurationValue}: also fractions, signs, bare seconds and parts in any order), as {@link
 * DurationText} reads them.
 */
public final class Durations {
  private Durations() {}

  public static Optional<Duration> parse(String text, Dialect dialect) {
    DurationText d =
        dialect == Dialect.PROMQL ? DurationText.prometheus(text) : DurationText.vmalert(text);
    return d.ok() ? Optional.of(Duration.ofMillis(d.millis())) : Optional.empty();
  }
}
