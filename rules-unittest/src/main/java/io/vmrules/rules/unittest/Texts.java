package io.vmrules.rules.unittest;

import io.vmrules.promql.print.Printer;
import io.vmrules.template.gofmt.GoFloat;
import io.vmrules.template.gofmt.GoQuote;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How test output prints labels, durations, numbers and strings (as promtool does, near enough).
 */
final class Texts {
  private Texts() {}

  /** {@code {a="1", b="2"}}, names sorted. */
  static String labels(Map<String, String> labels) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(e.getKey()).append('=').append(quote(e.getValue()));
    }
    return b.append('}').toString();
  }

  /** A Go-quoted string ({@code strconv.Quote}). */
  static String quote(String s) {
    return GoQuote.quote(s);
  }

  /** Prometheus' duration form: {@code 1h30m}, {@code 10m}, {@code 0s}. */
  static String duration(Duration d) {
    return Printer.millis(d.toMillis());
  }

  /**
   * As Go's {@code %v}: the shortest digits that read back, {@code 1}, {@code 0.5}, {@code 1e+06},
   * {@code NaN}, {@code +Inf}.
   */
  static String number(double v) {
    return GoFloat.format(v, 'g', -1);
  }
}
