package io.vmrules.promql.parse;

import io.vmrules.promql.GoStrings;
import java.util.Locale;

/** Decoding of number, duration, string and identifier token texts. */
final class Literals {
  private Literals() {}

  /** A decoded number and whether it used a MetricsQL-only form. */
  record Number(double value, boolean metricsqlOnly) {}

  /** Decodes a NUMBER token the way Prometheus does (base prefixes, leading-zero octal). */
  static Number number(String text) {
    String t = text;
    // Words (inf, nan) and base prefixes (0x, 0o, 0b) begin with a letter or 0 and a letter.
    if (Character.isLetter(t.charAt(0))
        || (t.length() > 2 && t.charAt(0) == '0' && Character.isLetter(t.charAt(1)))) {
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.equals("inf")) {
        return new Number(Double.POSITIVE_INFINITY, false);
      }
      if (lower.equals("nan")) {
        return new Number(Double.NaN, false);
      }
      if (lower.startsWith("0x")) {
        return new Number(new java.math.BigInteger(t.substring(2), 16).doubleValue(), false);
      }
      if (lower.startsWith("0o")) {
        return new Number(new java.math.BigInteger(t.substring(2), 8).doubleValue(), false);
      }
      if (lower.startsWith("0b")) {
        return new Number(new java.math.BigInteger(t.substring(2), 2).doubleValue(), false);
      }
    }
    double multiplier = 1;
    // A suffix (1K, 2Mi, 3KiB) ends with one of these; most numbers need no regex.
    boolean suffixed = false;
    if ("kKMgGtTiIbB".indexOf(t.charAt(t.length() - 1)) >= 0) {
      java.util.regex.Matcher m = SUFFIX.matcher(t);
      suffixed = m.matches();
      if (suffixed) {
        multiplier = suffixMultiplier(m.group(2));
        t = m.group(1);
      }
    }
    if (t.length() > 1 && t.charAt(0) == '0' && isOctal(t)) {
      // Prometheus parses integers with base prefix 0, so a leading zero means octal.
      return new Number(Long.parseLong(t, 8) * multiplier, suffixed);
    }
    return new Number(Double.parseDouble(t) * multiplier, suffixed);
  }

  /** A loop, not a stream: quantiles like 0.99 come this way in many rules. */
  private static boolean isOctal(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  private static final java.util.regex.Pattern SUFFIX =
      java.util.regex.Pattern.compile("(.*?)([kKMgGtT][iI]?[bB]?)");

  private static double suffixMultiplier(String suffix) {
    String s = suffix.toUpperCase(Locale.ROOT);
    boolean binary = s.length() > 1 && s.charAt(1) == 'I';
    int power =
        switch (s.charAt(0)) {
          case 'K' -> 1;
          case 'M' -> 2;
          case 'G' -> 3;
          case 'T' -> 4;
          default -> throw new IllegalArgumentException("suffix " + suffix);
        };
    return Math.pow(binary ? 1024 : 1000, power);
  }

  /** A decoded duration and the problems PromQL has with its form. */
  record DurationValue(long millis, double steps, String promqlProblem) {}

  /**
   * Decodes a DURATION token: {@code 1h30m}, {@code 1.5h}, {@code 5i}. PromQL accepts only integer
   * parts in decreasing unit order, each unit once.
   */
  static DurationValue duration(String text) {
    double total = 0;
    double steps = 0;
    String problem = null;
    int previousRank = Integer.MAX_VALUE;
    boolean negative =
        false; // from the first '-' on, every part counts negatively (as VictoriaMetrics)
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '-') {
        negative = true;
        previousRank = Integer.MAX_VALUE;
        if (problem == null) {
          problem = "negative parts in a duration";
        }
        i++;
      }
      int start = i;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      String number = text.substring(start, i);
      int unitStart = i;
      i += text.startsWith("ms", i) ? 2 : 1;
      String unit = text.substring(unitStart, i);
      double value = Double.parseDouble(number.isEmpty() ? "0" : number);
      if (unit.equals("i")) {
        steps += negative ? -value : value;
        problem = problem == null ? "step-based durations ([5i])" : problem;
        continue;
      }
      int rank = rank(unit);
      if (problem == null && number.contains(".")) {
        problem = "fractional durations";
      } else if (problem == null && rank >= previousRank) {
        problem = "units out of order or repeated in a duration";
      }
      previousRank = rank;
      double part = value * unitMillis(unit);
      total += negative ? -part : part;
    }
    return new DurationValue(Math.round(total), steps, problem);
  }

  private static long unitMillis(String unit) {
    return switch (unit) {
      case "ms" -> 1L;
      case "s" -> 1000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      case "w" -> 7 * 86_400_000L;
      case "y" -> 365 * 86_400_000L;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }

  private static int rank(String unit) {
    return switch (unit) {
      case "ms" -> 0;
      case "s" -> 1;
      case "m" -> 2;
      case "h" -> 3;
      case "d" -> 4;
      case "w" -> 5;
      default -> 6;
    };
  }

  /**
   * Unquotes a STRING token. Double- and single-quoted strings take Go escapes; backtick strings
   * are raw. Returns null and sets {@code error[0]} on a bad escape.
   *
   * <p>As in Go, {@code \xNN} and octal escapes are bytes: a run of them is decoded as UTF-8
   * ({@code "\xc3\xa9"} is é), and a byte that is not part of valid UTF-8 is kept as the char
   * {@link GoStrings#escapedByte} gives it, so that checks can tell invalid text (Prometheus
   * refuses it as a label name or regex) and the printer writes the byte back as {@code \xNN}.
   */
  static String string(String token, String[] error) {
    char quote = token.charAt(0);
    String body = token.substring(1, token.length() - 1);
    if (quote == '`' || body.indexOf('\\') < 0) {
      return body; // raw, or nothing to unescape: most label values
    }
    StringBuilder out = new StringBuilder(body.length());
    byte[] bytes = new byte[body.length()];
    int pending = 0; // escaped bytes not yet decoded
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean byteEscape =
          c == '\\'
              && i + 1 < body.length()
              && (body.charAt(i + 1) == 'x'
                  || (body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7'));
      if (!byteEscape && pending > 0) {
        GoStrings.decodeUtf8(bytes, pending, out);
        pending = 0;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 >= body.length()) {
        error[0] = "unterminated escape sequence";
        return null;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\' -> out.append('\\');
        case '"', '\'' -> {
          if (e != quote) {
            error[0] = "unknown escape sequence \\" + e;
            return null;
          }
          out.append(e);
        }
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          String hex = body.substring(i + 1, Math.min(body.length(), i + 1 + len));
          if (hex.length() != len || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            error[0] = "escape sequence \\" + e + " needs " + len + " hex digits";
            return null;
          }
          int cp = Integer.parseUnsignedInt(hex, 16);
          if (e == 'x') {
            bytes[pending++] = (byte) cp;
          } else if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            error[0] = "escape sequence is an invalid Unicode code point";
            return null;
          } else {
            out.appendCodePoint(cp);
          }
          i += len;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            String oct = body.substring(i, Math.min(body.length(), i + 3));
            if (oct.length() != 3 || !oct.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
              error[0] = "octal escape sequence needs 3 digits";
              return null;
            }
            int v = Integer.parseInt(oct, 8);
            if (v > 255) {
              error[0] = "octal escape value > 255";
              return null;
            }
            bytes[pending++] = (byte) v;
            i += 2;
          } else {
            error[0] = "unknown escape sequence \\" + e;
            return null;
          }
        }
      }
    }
    GoStrings.decodeUtf8(bytes, pending, out);
    return out.toString();
  }

  /** Removes MetricsQL backslash escapes from an identifier. */
  static String identifier(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
