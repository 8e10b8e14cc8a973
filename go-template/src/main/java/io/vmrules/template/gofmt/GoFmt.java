package io.vmrules.template.gofmt;

import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoStruct;
import io.vmrules.template.value.GoTime;
import io.vmrules.template.value.GoValues;
import io.vmrules.template.value.SafeHtml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code fmt} for the values templates handle: {@code Sprint}, {@code Sprintln} and {@code
 * Sprintf} with Go's verbs, flags, width and precision, and Go's error strings for bad verbs and
 * missing or extra arguments ({@code %!d(string=x)}).
 */
public final class GoFmt {
  private GoFmt() {}

  /** Flags of one verb. {@code width}/{@code prec} are -1 when absent. */
  private record Spec(
      boolean minus,
      boolean plus,
      boolean sharp,
      boolean space,
      boolean zero,
      int width,
      int prec) {
    Spec withVerbDefaults(boolean zeroAllowed) {
      return new Spec(minus, plus, sharp, space, zero && zeroAllowed, width, prec);
    }
  }

  private static final Spec PLAIN = new Spec(false, false, false, false, false, -1, -1);

  public static String sprint(List<?> args) {
    StringBuilder out = new StringBuilder();
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      boolean isString = a instanceof String || a instanceof SafeHtml;
      if (i > 0 && !isString && !prevString) {
        out.append(' ');
      }
      printArg(out, a, 'v', PLAIN);
      prevString = isString;
    }
    return out.toString();
  }

  public static String sprintln(List<?> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      printArg(out, args.get(i), 'v', PLAIN);
    }
    return out.append('\n').toString();
  }

  /** {@code %v} of one value. */
  public static String value(Object v) {
    StringBuilder out = new StringBuilder();
    printArg(out, v, 'v', PLAIN);
    return out.toString();
  }

  /**
   * Go's {@code Sprintf}. Widths and precisions above {@code maxWidth} are clamped so that a
   * hostile format cannot allocate without bound.
   */
  public static String sprintf(String format, List<?> args, int maxWidth) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    int argNum = 0;
    boolean reordered = false;
    int end = format.length();
    int i = 0;
    while (i < end) {
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      out.append(format, lasti, i);
      if (i >= end) {
        break;
      }
      i++; // skip %
      boolean minus = false;
      boolean plus = false;
      boolean sharp = false;
      boolean space = false;
      boolean zero = false;
      flags:
      for (; i < end; i++) {
        switch (format.charAt(i)) {
          case '#' -> sharp = true;
          case '0' -> zero = !minus;
          case '+' -> plus = true;
          case '-' -> {
            minus = true;
            zero = false;
          }
          case ' ' -> space = true;
          default -> {
            break flags;
          }
        }
      }
      // [n] argument index
      int[] idx = argIndex(format, i, argNum, args.size());
      if (idx[2] != 0) {
        reordered = true;
      }
      boolean goodArgNum = idx[1] == 1;
      argNum = idx[0];
      i = idx[3];
      int width = -1;
      if (i < end && format.charAt(i) == '*') {
        i++;
        if (argNum < args.size() && args.get(argNum) instanceof Long w) {
          width = (int) Math.min(Math.abs(w), maxWidth);
          if (w < 0) {
            minus = true;
            zero = false;
          }
        } else {
          out.append("%!(BADWIDTH)");
        }
        argNum++;
      } else {
        int start = i;
        while (i < end && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          width = clampedInt(format.substring(start, i), maxWidth);
        }
      }
      int prec = -1;
      if (i + 1 <= end && i < end && format.charAt(i) == '.') {
        i++;
        idx = argIndex(format, i, argNum, args.size());
        if (idx[2] != 0) {
          reordered = true;
        }
        goodArgNum = goodArgNum && idx[1] == 1;
        argNum = idx[0];
        i = idx[3];
        if (i < end && format.charAt(i) == '*') {
          i++;
          if (argNum < args.size() && args.get(argNum) instanceof Long p && p >= 0) {
            prec = (int) Math.min(p, maxWidth);
          } else {
            out.append("%!(BADPREC)");
          }
          argNum++;
        } else {
          int start = i;
          while (i < end && Character.isDigit(format.charAt(i))) {
            i++;
          }
          prec = i > start ? clampedInt(format.substring(start, i), maxWidth) : 0;
        }
      }
      idx = argIndex(format, i, argNum, args.size());
      if (idx[2] != 0) {
        reordered = true;
      }
      goodArgNum = goodArgNum && idx[1] == 1;
      argNum = idx[0];
      i = idx[3];
      if (i >= end) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      Spec spec = new Spec(minus, plus, sharp, space, zero, width, prec);
      if (verb == '%') {
        out.append('%');
      } else if (!goodArgNum) {
        out.append("%!").appendCodePoint(verb).append("(BADINDEX)");
      } else if (argNum >= args.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
      } else {
        printArg(out, args.get(argNum), verb, spec);
        argNum++;
      }
    }
    if (!reordered && argNum < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argNum; k < args.size(); k++) {
        if (k > argNum) {
          out.append(", ");
        }
        Object a = args.get(k);
        if (a == null) {
          out.append("<nil>");
        } else {
          out.append(GoValues.typeName(a)).append('=');
          printArg(out, a, 'v', PLAIN);
        }
      }
      out.append(')');
    }
    return out.toString();
  }

  /** Parses an optional {@code [n]}: returns {argNum, ok, found, newIndex}. */
  private static int[] argIndex(String f, int i, int argNum, int numArgs) {
    if (i >= f.length() || f.charAt(i) != '[') {
      return new int[] {argNum, 1, 0, i};
    }
    int close = f.indexOf(']', i);
    if (close < 0) {
      return new int[] {argNum, 0, 1, f.length()};
    }
    try {
      int n = Integer.parseInt(f.substring(i + 1, close));
      if (n >= 1 && n <= numArgs + 1) {
        return new int[] {n - 1, 1, 1, close + 1};
      }
    } catch (NumberFormatException e) {
      // falls through to a bad index, as Go reports it
    }
    return new int[] {argNum, 0, 1, close + 1};
  }

  private static int clampedInt(String digits, int max) {
    if (digits.length() > 9) {
      return max;
    }
    return Math.min(Integer.parseInt(digits), max);
  }

  private static void printArg(StringBuilder out, Object arg, int verb, Spec f) {
    arg = GoValues.normalize(arg);
    if (verb == 'T') {
      pad(out, arg == null ? "<nil>" : GoValues.typeName(arg), f);
      return;
    }
    if (arg == null) {
      if (verb == 'v') {
        pad(out, "<nil>", f);
      } else {
        badVerb(out, verb, null);
      }
      return;
    }
    if (arg instanceof Boolean b) {
      if (verb == 't' || verb == 'v') {
        pad(out, b.toString(), f);
      } else {
        badVerb(out, verb, arg);
      }
    } else if (arg instanceof Long l) {
      fmtInteger(out, l, verb, f, arg);
    } else if (arg instanceof Double d) {
      fmtFloat(out, d, verb, f, arg);
    } else if (arg instanceof String s) {
      fmtString(out, s, verb, f, arg);
    } else if (arg instanceof SafeHtml h) {
      fmtString(out, h.html(), verb, f, arg);
    } else if (arg instanceof GoDuration d) {
      if (isStringVerb(verb)) {
        fmtString(out, d.toString(), verb, f, arg);
      } else {
        fmtInteger(out, d.nanos(), verb, f, arg);
      }
    } else if (arg instanceof GoTime t) {
      if (isStringVerb(verb)) {
        fmtString(out, t.toString(), verb, f, arg);
      } else {
        badVerb(out, verb, arg);
      }
    } else if (arg instanceof Map<?, ?> m) {
      out.append("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        if (!first) {
          out.append(' ');
        }
        first = false;
        printArg(out, e.getKey(), verb, f);
        out.append(':');
        printArg(out, e.getValue(), verb, f);
      }
      out.append(']');
    } else if (arg instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        printArg(out, list.get(i), verb, f);
      }
      out.append(']');
    } else if (arg instanceof GoStruct s) {
      if (s.printedAsPointer()) {
        out.append('&');
      }
      out.append('{');
      List<Object> fields = s.printedFields();
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        printArg(out, fields.get(i), verb, f);
      }
      out.append('}');
    } else {
      fmtString(out, arg.toString(), verb, f, arg);
    }
  }

  private static boolean isStringVerb(int verb) {
    return verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X';
  }

  private static void badVerb(StringBuilder out, int verb, Object arg) {
    out.append("%!").appendCodePoint(verb).append('(');
    if (arg == null) {
      out.append("<nil>");
    } else {
      out.append(GoValues.typeName(arg)).append('=');
      printArg(out, arg, 'v', PLAIN);
    }
    out.append(')');
  }

  private static void pad(StringBuilder out, String s, Spec f) {
    if (f.width < 0) {
      out.append(s);
      return;
    }
    int n = f.width - s.codePointCount(0, s.length());
    if (n <= 0) {
      out.append(s);
      return;
    }
    if (f.minus) {
      out.append(s).append(" ".repeat(n));
    } else {
      out.append((f.zero ? "0" : " ").repeat(n)).append(s);
    }
  }

  private static void fmtString(StringBuilder out, String s, int verb, Spec f, Object arg) {
    switch (verb) {
      case 'v', 's' -> {
        if (f.prec >= 0 && s.codePointCount(0, s.length()) > f.prec) {
          s = s.substring(0, s.offsetByCodePoints(0, f.prec));
        }
        pad(out, s, f);
      }
      case 'q' -> pad(out, f.sharp && canBackquote(s) ? "`" + s + "`" : GoQuote.quote(s), f);
      case 'x', 'X' -> {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int len = f.prec >= 0 ? Math.min(f.prec, bytes.length) : bytes.length;
        String digits = verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
          if (f.space && i > 0) {
            b.append(' ');
          }
          if (f.sharp && (f.space || i == 0)) {
            b.append(verb == 'x' ? "0x" : "0X");
          }
          b.append(digits.charAt((bytes[i] >> 4) & 0xf)).append(digits.charAt(bytes[i] & 0xf));
        }
        pad(out, b.toString(), f);
      }
      default -> badVerb(out, verb, arg);
    }
  }

  private static void fmtInteger(StringBuilder out, long v, int verb, Spec f, Object arg) {
    switch (verb) {
      case 'v', 'd' -> integer(out, v, 10, verb, f);
      case 'b' -> integer(out, v, 2, verb, f);
      case 'o', 'O' -> integer(out, v, 8, verb, f);
      case 'x' -> integer(out, v, 16, verb, f);
      case 'X' -> integer(out, v, 16, verb, f);
      case 'c' -> pad(out, validRune(v) ? new String(Character.toChars((int) v)) : "\ufffd", f);
      case 'q' -> pad(out, GoQuote.quoteRune(validRune(v) ? (int) v : 0xfffd), f);
      case 'U' -> {
        String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        while (hex.length() < 4) {
          hex = "0" + hex;
        }
        String u = "U+" + hex;
        if (f.sharp && validRune(v) && GoQuote.isPrint((int) v)) {
          u += " '" + new String(Character.toChars((int) v)) + "'";
        }
        pad(out, u, f);
      }
      default -> badVerb(out, verb, arg);
    }
  }

  private static boolean validRune(long v) {
    return v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
  }

  private static void integer(StringBuilder out, long v, int base, int verb, Spec f) {
    boolean negative = v < 0;
    String digits =
        negative
            ? new java.math.BigInteger(Long.toString(v)).negate().toString(base)
            : Long.toString(v, base);
    if (verb == 'X') {
      digits = digits.toUpperCase(java.util.Locale.ROOT);
    }
    int prec = -1;
    if (f.prec >= 0) {
      prec = f.prec;
      if (prec == 0 && v == 0) {
        digits = "";
      }
    } else if (f.zero && f.width >= 0 && !f.minus) {
      prec = f.width;
      if (negative || f.plus || f.space) {
        prec--;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int k = digits.length(); k < prec; k++) {
      b.append('0');
    }
    b.append(digits);
    String prefix = "";
    if (f.sharp) {
      switch (base) {
        case 2 -> prefix = "0b";
        case 8 -> prefix = b.length() > 0 && b.charAt(0) == '0' ? "" : "0";
        case 16 -> prefix = verb == 'X' ? "0X" : "0x";
        default -> prefix = "";
      }
    }
    if (verb == 'O') {
      prefix = "0o";
    }
    String sign = negative ? "-" : f.plus ? "+" : f.space ? " " : "";
    pad(
        out,
        sign + prefix + b,
        new Spec(f.minus, f.plus, f.sharp, f.space, false, f.width, f.prec));
  }

  private static void fmtFloat(StringBuilder out, double v, int verb, Spec f, Object arg) {
    char fmt;
    int prec = f.prec;
    switch (verb) {
      case 'v' -> fmt = 'g';
      case 'g', 'G' -> fmt = (char) verb;
      case 'e', 'E' -> {
        fmt = (char) verb;
        prec = prec < 0 ? 6 : prec;
      }
      case 'f', 'F' -> {
        fmt = 'f';
        prec = prec < 0 ? 6 : prec;
      }
      default -> {
        badVerb(out, verb, arg);
        return;
      }
    }
    String num = GoFloat.format(v, fmt, prec);
    if (num.charAt(0) != '-' && num.charAt(0) != '+') {
      num = "+" + num;
    }
    if (f.space && num.charAt(0) == '+' && !f.plus) {
      num = " " + num.substring(1);
    }
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      if (num.charAt(1) == 'N' && !f.space && !f.plus) {
        num = num.substring(1);
      }
      pad(out, num, f.withVerbDefaults(false));
      return;
    }
    if (f.plus || num.charAt(0) != '+') {
      if (f.zero && f.width >= 0 && f.width > num.length()) {
        out.append(num.charAt(0))
            .append("0".repeat(f.width - num.length()))
            .append(num, 1, num.length());
        return;
      }
      pad(out, num, f);
      return;
    }
    pad(out, num.substring(1), f);
  }

  private static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`' || c == '\ufeff' || (c < ' ' && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
