package io.vmrules.template.value;

import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Go's reference-time layouts ({@code 2006-01-02 15:04:05}) and {@code Duration.String}. */
public final class GoTimeFormat {
  private GoTimeFormat() {}

  public static String format(GoTime t, String layout) {
    OffsetDateTime d = t.instant().atOffset(t.offset());
    StringBuilder out = new StringBuilder(layout.length() + 8);
    int i = 0;
    while (i < layout.length()) {
      int n = token(layout, i, d, out);
      if (n == 0) {
        out.append(layout.charAt(i));
        i++;
      } else {
        i += n;
      }
    }
    return out.toString();
  }

  /** Appends the value of the layout element at {@code i}; returns its length, 0 if none. */
  private static int token(String l, int i, OffsetDateTime d, StringBuilder out) {
    if (l.startsWith("January", i)) {
      out.append(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      return 7;
    }
    if (l.startsWith("Jan", i)) {
      out.append(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
      return 3;
    }
    if (l.startsWith("Monday", i)) {
      out.append(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      return 6;
    }
    if (l.startsWith("Mon", i)) {
      out.append(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
      return 3;
    }
    if (l.startsWith("MST", i)) {
      int secs = d.getOffset().getTotalSeconds();
      if (secs == 0) {
        out.append("UTC");
      } else {
        zone(out, secs, false, true, false);
      }
      return 3;
    }
    if (l.startsWith("2006", i)) {
      pad(out, d.getYear(), 4);
      return 4;
    }
    if (l.startsWith("2", i) && !l.startsWith("2006", i)) {
      out.append(d.getDayOfMonth());
      return 1;
    }
    if (l.startsWith("__2", i)) {
      pad(out, d.getDayOfYear(), 3);
      return 3;
    }
    if (l.startsWith("_2", i)) {
      if (d.getDayOfMonth() < 10) {
        out.append(' ');
      }
      out.append(d.getDayOfMonth());
      return 2;
    }
    if (l.startsWith("002", i)) {
      pad(out, d.getDayOfYear(), 3);
      return 3;
    }
    if (l.startsWith("01", i)) {
      pad(out, d.getMonthValue(), 2);
      return 2;
    }
    if (l.startsWith("02", i)) {
      pad(out, d.getDayOfMonth(), 2);
      return 2;
    }
    if (l.startsWith("03", i)) {
      pad(out, hour12(d), 2);
      return 2;
    }
    if (l.startsWith("04", i)) {
      pad(out, d.getMinute(), 2);
      return 2;
    }
    if (l.startsWith("05", i)) {
      pad(out, d.getSecond(), 2);
      return 2;
    }
    if (l.startsWith("06", i)) {
      pad(out, d.getYear() % 100, 2);
      return 2;
    }
    if (l.startsWith("15", i)) {
      pad(out, d.getHour(), 2);
      return 2;
    }
    if (l.startsWith("1", i)) {
      out.append(d.getMonthValue());
      return 1;
    }
    if (l.startsWith("3", i)) {
      out.append(hour12(d));
      return 1;
    }
    if (l.startsWith("4", i)) {
      out.append(d.getMinute());
      return 1;
    }
    if (l.startsWith("5", i)) {
      out.append(d.getSecond());
      return 1;
    }
    if (l.startsWith("PM", i)) {
      out.append(d.getHour() >= 12 ? "PM" : "AM");
      return 2;
    }
    if (l.startsWith("pm", i)) {
      out.append(d.getHour() >= 12 ? "pm" : "am");
      return 2;
    }
    int secs = d.getOffset().getTotalSeconds();
    for (String z :
        new String[] {
          "Z07:00:00",
          "-07:00:00",
          "Z070000",
          "-070000",
          "Z07:00",
          "-07:00",
          "Z0700",
          "-0700",
          "Z07",
          "-07"
        }) {
      if (l.startsWith(z, i)) {
        if (z.charAt(0) == 'Z' && secs == 0) {
          out.append('Z');
        } else {
          zone(
              out,
              secs,
              z.contains(":"),
              z.length() > 3,
              z.endsWith("00:00") || (z.endsWith("0000") && z.length() >= 7));
        }
        return z.length();
      }
    }
    if ((l.startsWith(".0", i)
        || l.startsWith(".9", i)
        || l.startsWith(",0", i)
        || l.startsWith(",9", i))) {
      char digit = l.charAt(i + 1);
      int j = i + 1;
      while (j < l.length() && l.charAt(j) == digit) {
        j++;
      }
      // Only a fraction right after seconds counts; Go requires a non-digit to follow.
      if (j < l.length() && Character.isDigit(l.charAt(j))) {
        return 0;
      }
      int n = j - i - 1;
      String nanos = String.format("%09d", d.getNano()).substring(0, Math.min(9, n));
      if (digit == '9') {
        int end = nanos.length();
        while (end > 0 && nanos.charAt(end - 1) == '0') {
          end--;
        }
        if (end > 0) {
          out.append(l.charAt(i)).append(nanos, 0, end);
        }
      } else {
        out.append(l.charAt(i)).append(nanos);
      }
      return n + 1;
    }
    return 0;
  }

  private static int hour12(OffsetDateTime d) {
    int h = d.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static void zone(
      StringBuilder out, int secs, boolean colon, boolean minutes, boolean seconds) {
    out.append(secs < 0 ? '-' : '+');
    int a = Math.abs(secs);
    pad(out, a / 3600, 2);
    if (minutes) {
      if (colon) {
        out.append(':');
      }
      pad(out, a / 60 % 60, 2);
    }
    if (seconds) {
      if (colon) {
        out.append(':');
      }
      pad(out, a % 60, 2);
    }
  }

  private static void pad(StringBuilder out, int v, int width) {
    String s = Integer.toString(v);
    for (int k = s.length(); k < width; k++) {
      out.append('0');
    }
    out.append(s);
  }

  /** Go's {@code time.Duration.String()}: {@code 72h3m0.5s}, {@code 1.5ms}, {@code 0s}. */
  public static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean neg = nanos < 0;
    // Long.MIN_VALUE has no positive twin; unsigned arithmetic below handles it as Go does.
    long u = neg ? -nanos : nanos;
    StringBuilder out = new StringBuilder();
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      String unit;
      int prec;
      if (u < 1000) {
        return (neg ? "-" : "") + u + "ns";
      } else if (u < 1_000_000) {
        unit = "µs";
        prec = 3;
      } else {
        unit = "ms";
        prec = 6;
      }
      out.append(fraction(u, prec)).append(unit);
    } else {
      long secs = Long.divideUnsigned(u, 1_000_000_000L);
      long frac = Long.remainderUnsigned(u, 1_000_000_000L);
      String s = Long.toString(secs % 60) + fractionDigits(frac, 9) + "s";
      long mins = secs / 60;
      if (mins > 0) {
        s = (mins % 60) + "m" + s;
        long hours = mins / 60;
        if (hours > 0) {
          s = hours + "h" + s;
        }
      }
      out.append(s);
    }
    return (neg ? "-" : "") + out;
  }

  private static String fraction(long v, int prec) {
    long pow = (long) Math.pow(10, prec);
    return (v / pow) + fractionDigits(v % pow, prec);
  }

  private static String fractionDigits(long frac, int prec) {
    if (frac == 0) {
      return "";
    }
    String f = String.format("%0" + prec + "d", frac);
    int end = f.length();
    while (end > 0 && f.charAt(end - 1) == '0') {
      end--;
    }
    return "." + f.substring(0, end);
  }
}
