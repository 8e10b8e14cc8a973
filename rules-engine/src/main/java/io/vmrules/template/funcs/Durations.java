package io.vmrules.template.funcs;

import io.vmrules.template.FunctionException;
import io.vmrules.template.gofmt.GoQuote;
import java.util.regex.Matcher;

/** Duration strings: Prometheus' strict {@code 1h30m} syntax and vmalert's laxer one. */
final class Durations {
  private Durations() {}

  private static final java.util.regex.Pattern PROMETHEUS = java.util.regex.Pattern.compile(
      "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$");
  private static final long[] UNIT_MS = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1};

  private static final java.util.regex.Pattern LAX_PART =
      java.util.regex.Pattern.compile("([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)(ms|s|m|h|d|w|y|i)?");

  /** Prometheus {@code model.ParseDuration}, in milliseconds. */
  static long prometheusMillis(String s) {
    if (s.isEmpty()) {
      throw new FunctionException("empty duration string");
    }
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = PROMETHEUS.matcher(s);
    if (!m.matches()) {
      throw new FunctionException("not a valid duration string: " + GoQuote.quote(s));
    }
    long total = 0;
    for (int i = 0; i < UNIT_MS.length; i++) {
      String g = m.group(i + 1);
      if (g != null) {
        try {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new FunctionException("invalid duration string: " + GoQuote.quote(s));
        }
      }
    }
    return total;
  }

  /** vmalert's durations: also fractions ({@code 1.5h}), a sign and bare seconds. */
  static double laxSeconds(String s) {
    if (s.isEmpty()) {
      throw new FunctionException("duration cannot be empty");
    }
    boolean neg = s.startsWith("-");
    String rest = neg || s.startsWith("+") ? s.substring(1) : s;
    Matcher m = LAX_PART.matcher(rest);
    double total = 0;
    int pos = 0;
    while (pos < rest.length() && m.find(pos) && m.start() == pos) {
      double v = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      total += v * switch (unit) {
        case "ms" -> 0.001;
        case "m" -> 60;
        case "h" -> 3600;
        case "d" -> 86400;
        case "w" -> 7 * 86400;
        case "y" -> 365 * 86400;
        default -> 1;
      };
      pos = m.end();
    }
    if (pos != rest.length() || rest.isEmpty()) {
      throw new FunctionException("cannot parse duration " + GoQuote.quote(s));
    }
    return neg ? -total : total;
  }
}
