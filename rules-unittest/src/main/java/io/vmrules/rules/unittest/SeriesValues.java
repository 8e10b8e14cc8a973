package io.vmrules.rules.unittest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expanding notation of {@code input_series[].values}, as promtool and vmalert-tool read it:
 * {@code a+bxn} (a, a+b, … a+n·b: n+1 values), {@code a-bxn}, {@code axn} (a, n+1 times), {@code _}
 * (no sample), {@code _xn} (n missing samples), {@code stale} (a staleness marker), plain numbers,
 * separated by blanks. Increments accumulate ({@code k += b}) as Prometheus' parser does, so the
 * values are the same to the last bit.
 */
public final class SeriesValues {
  /** A value of the sequence: one sample, a missing sample or a staleness marker. */
  public sealed interface Item {}

  /** A sample with this value. */
  public record Value(double value) implements Item {}

  /** No sample at this step ({@code _}). */
  public enum Missing implements Item {
    INSTANCE
  }

  /** A staleness marker at this step ({@code stale}). */
  public enum Stale implements Item {
    INSTANCE
  }

  /** Why the notation could not be read, and at which character of it (0-based). */
  public static final class NotationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    NotationException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }

  /** Longest expansion accepted: a typo like {@code 1x100000000} must not exhaust memory. */
  static final int MAX_VALUES = 1_000_000;

  private static final String NUMBER =
      "(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[iI]nf|NaN|nan)";
  private static final Pattern ITEM =
      Pattern.compile("([+-]?" + NUMBER + ")(?:([+-])(" + NUMBER + "))?(?:x(\\d+))?");
  private static final Pattern BLANK = Pattern.compile("_(?:x(\\d+))?");

  private SeriesValues() {}

  /** Reads {@code text} into its items, in order. */
  public static List<Item> parse(String text) throws NotationException {
    List<Item> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      item(text.substring(start, i), start, out);
      if (out.size() > MAX_VALUES) {
        throw new NotationException(
            "more than " + MAX_VALUES + " values: check the repetition counts", start);
      }
    }
    return out;
  }

  private static void item(String token, int offset, List<Item> out) throws NotationException {
    if (token.equals("stale")) {
      out.add(Stale.INSTANCE);
      return;
    }
    Matcher blank = BLANK.matcher(token);
    if (blank.matches()) {
      long times = blank.group(1) == null ? 1 : count(blank.group(1), offset + 2);
      for (long k = 0; k < times; k++) {
        out.add(Missing.INSTANCE);
      }
      return;
    }
    Matcher m = ITEM.matcher(token);
    if (!m.matches()) {
      throw new NotationException(
          "cannot read \"" + token + "\": expected a number, a+bxn, a-bxn, axn, _, _xn or stale",
          offset);
    }
    double value = number(m.group(1));
    if (m.group(4) == null) {
      if (m.group(2) != null) {
        throw new NotationException(
            "\"" + token + "\" has an increment but no repetition: write " + token + "x<count>",
            offset);
      }
      out.add(new Value(value));
      return;
    }
    double step = m.group(3) == null ? 0 : number(m.group(3));
    if ("-".equals(m.group(2))) {
      step = -step;
    }
    long times = count(m.group(4), offset + m.start(4));
    for (long k = 0; k <= times; k++) {
      out.add(new Value(value));
      value += step;
    }
  }

  private static long count(String digits, int offset) throws NotationException {
    try {
      long times = Long.parseLong(digits);
      if (times > MAX_VALUES) {
        throw new NotationException(
            "repetition count " + digits + " is above " + MAX_VALUES, offset);
      }
      return times;
    } catch (NumberFormatException e) {
      throw new NotationException("repetition count " + digits + " is too large", offset);
    }
  }

  private static double number(String s) {
    String u = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    double v =
        switch (u) {
          case "Inf", "inf" -> Double.POSITIVE_INFINITY;
          case "NaN", "nan" -> Double.NaN;
          default -> Double.parseDouble(u);
        };
    return s.startsWith("-") ? -v : v;
  }
}
