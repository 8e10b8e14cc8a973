package io.vmrules.template.funcs;

import io.vmrules.promql.DurationText;
import io.vmrules.template.runtime.FunctionException;

/**
 * The templates' {@code parseDuration}: Prometheus' strict {@code 1h30m} syntax and vmalert's laxer
 * one.
 */
final class TemplateDurations {
  private TemplateDurations() {}

  /** Prometheus {@code model.ParseDuration}, in milliseconds. */
  static long prometheusMillis(String s) {
    return millis(DurationText.prometheus(s));
  }

  /**
   * vmalert's durations: also fractions ({@code 1.5h}), signs and bare seconds; whole milliseconds.
   */
  static double laxSeconds(String s) {
    return millis(DurationText.vmalert(s)) / 1e3;
  }

  private static long millis(DurationText d) {
    if (!d.ok()) {
      throw new FunctionException(d.error());
    }
    return d.millis();
  }
}
