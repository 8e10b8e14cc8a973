package io.vmrules.promql;

/**
 * A duration written as text in a rule file, a flag or a template: its value in milliseconds, or
 * why it is not one, in the words of the tool whose syntax it follows. Hand-written scans rather
 * than regular expressions: rule files hold a duration or two per rule, and a cold JVM interprets
 * {@code java.util.regex} slowly.
 *
 * @param error null when the text is a duration
 */
public record DurationText(long millis, String error) {
  /** Prometheus keeps a duration as int64 nanoseconds: 292 years and a bit. */
  private static final long MAX_PROMETHEUS_MILLIS = Long.MAX_VALUE / 1_000_000;

  /** y, w, d, h, m, s, ms: Prometheus' units in the order they must come. */
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L
  };

  public boolean ok() {
    return error == null;
  }

  private static DurationText of(long millis) {
    return new DurationText(millis, null);
  }

  private static DurationText invalid(String error) {
    return new DurationText(0, error);
  }

  /**
   * Prometheus' {@code model.ParseDuration}: "0", or integer parts with units in decreasing order
   * ({@code 1h30m}, {@code 90s}, {@code 1y2w}), each unit at most once.
   */
  public static DurationText prometheus(String s) {
    if (s.isEmpty()) {
      return invalid("empty duration string");
    }
    if (s.equals("0")) {
      return of(0);
    }
    long total = 0;
    int last = -1;
    int n = s.length();
    int i = 0;
    while (i < n) {
      int start = i;
      long value = 0;
      for (; i < n && isDigit(s.charAt(i)); i++) {
        if (value > MAX_PROMETHEUS_MILLIS) {
          return invalid("duration out of range");
        }
        value = value * 10 + (s.charAt(i) - '0');
      }
      if (i == start || i == n) {
        return notValid(s);
      }
      int unit;
      if (s.charAt(i) == 'm' && i + 1 < n && s.charAt(i + 1) == 's') {
        unit = 6;
        i += 2;
      } else {
        unit = "ywdhms".indexOf(s.charAt(i));
        i++;
      }
      if (unit <= last) { // unknown (-1), repeated or out of order
        return notValid(s);
      }
      last = unit;
      if (value > (MAX_PROMETHEUS_MILLIS - total) / UNIT_MILLIS[unit]) {
        return invalid("duration out of range");
      }
      total += value * UNIT_MILLIS[unit];
    }
    return of(total);
  }

  private static DurationText notValid(String s) {
    return invalid("not a valid duration string: " + quote(s));
  }

  /**
   * vmalert's (1.79) {@code metricsql.DurationValue} with no step: a number of seconds as Go reads
   * floats ({@code 90}, {@code 1.5}, {@code 1e3}, {@code inf}), or parts of a decimal and a unit
   * (ms, s, m, h, d, w, y, and i, steps, which count nothing here) in any order; after a negative
   * part the rest count negative too ({@code 1h-5m} is -1h5m).
   */
  public static DurationText vmalert(String s) {
    if (s.isEmpty()) {
      return invalid("duration cannot be empty");
    }
    double seconds = GoFloat.parse(s);
    if (!Double.isNaN(seconds) || GoFloat.isNaN(s)) {
      return of((long) (seconds * 1000));
    }
    double total = 0;
    boolean minus = false;
    int i = 0;
    while (i < s.length()) {
      int end = partEnd(s, i);
      if (end < 0) {
        return invalid("cannot parse duration " + quote(s.substring(i)));
      }
      double part = partMillis(s.substring(i, end));
      if (Double.isNaN(part)) {
        return invalid("cannot parse duration " + quote(s.substring(i, end)));
      }
      if (minus && part > 0) {
        part = -part;
      }
      total += part;
      if (part < 0) {
        minus = true;
      }
      i = end;
    }
    if (Math.abs(total) > 0x1p63) {
      return invalid(String.format("too big duration %.0fms", total));
    }
    return of((long) total);
  }

  /**
   * The end of one part at {@code i} (an optional '-', digits, an optional fraction, a unit), or
   * -1.
   */
  private static int partEnd(String s, int i) {
    int n = s.length();
    int j = i;
    if (s.charAt(j) == '-') {
      j++;
    }
    while (j < n && isDigit(s.charAt(j))) {
      j++;
    }
    if (j == i || j == n) { // as metricsql: after a '-' the digits may be missing ("-.5m")
      return -1;
    }
    if (s.charAt(j) == '.') {
      j++;
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
      if (j == n) {
        return -1;
      }
    }
    return switch (s.charAt(j)) {
      case 'm' -> j + 1 < n && s.charAt(j + 1) == 's' ? j + 2 : j + 1;
      case 's', 'h', 'd', 'w', 'y', 'i' -> j + 1;
      default -> -1;
    };
  }

  /** One part's milliseconds; NaN when its number does not parse. */
  private static double partMillis(String part) {
    boolean ms = part.endsWith("ms");
    String number = part.substring(0, part.length() - (ms ? 2 : 1));
    double value = GoFloat.parse(number);
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    double unit =
        ms
            ? 1
            : switch (part.charAt(part.length() - 1)) {
              case 's' -> 1000;
              case 'm' -> 60_000;
              case 'h' -> 3_600_000;
              case 'd' -> 86_400_000;
              case 'w' -> 7 * 86_400_000.0;
              case 'y' -> 365 * 86_400_000.0;
              default -> 0; // 'i': steps, and there is no step
            };
    return value * unit;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Go's %q for the ASCII text durations are: quotes and backslashes escaped. */
  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Go's {@code strconv.ParseFloat(s, 64)}: decimal and hexadecimal literals, underscores between
   * digits, inf, infinity and nan in any case.
   */
  static final class GoFloat {
    private GoFloat() {}

    /** The value, or NaN when Go rejects the text (syntax, or out of range); see {@link #isNaN}. */
    static double parse(String s) {
      if (isNaN(s)) {
        return Double.NaN;
      }
      int i = 0;
      int n = s.length();
      boolean negative = false;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        negative = s.charAt(i) == '-';
        i++;
      }
      String rest = s.substring(i);
      if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (!wellFormed(rest)) {
        return Double.NaN;
      }
      double v = Double.parseDouble(rest.replace("_", ""));
      if (Double.isInfinite(v)) {
        return Double.NaN; // ErrRange
      }
      return negative ? -v : v;
    }

    static boolean isNaN(String s) {
      return s.equalsIgnoreCase("nan");
    }

    /** A decimal ({@code 1.5e3}) or hexadecimal ({@code 0x1.8p1}) literal without its sign. */
    private static boolean wellFormed(String s) {
      int n = s.length();
      boolean hex = n > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
      int i = hex ? 2 : 0;
      int digits = 0;
      char previous = hex ? '0' : 0; // an underscore may follow the base prefix
      boolean dot = false;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (isDigitOf(c, hex)) {
          digits++;
        } else if (c == '_') {
          if (!isDigitOf(previous, hex) || i + 1 >= n || !isDigitOf(s.charAt(i + 1), hex)) {
            return false;
          }
        } else if (c == '.' && !dot) {
          dot = true;
        } else {
          break;
        }
        previous = c;
      }
      if (digits == 0) {
        return false;
      }
      if (i == n) {
        return !hex; // a hexadecimal float needs its p exponent
      }
      char e = s.charAt(i);
      if (hex ? e != 'p' && e != 'P' : e != 'e' && e != 'E') {
        return false;
      }
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c == '_') {
          if (i == start || i + 1 >= n || !isDigit(s.charAt(i - 1)) || !isDigit(s.charAt(i + 1))) {
            return false;
          }
        } else if (!isDigit(c)) {
          return false;
        }
      }
      return i > start;
    }

    private static boolean isDigitOf(char c, boolean hex) {
      return isDigit(c) || (hex && "abcdefABCDEF".indexOf(c) >= 0);
    }
  }
}
