package io.vmrules.promql.types;

/**
 * One scan of an RE2 pattern for what re2j does not bound but Go's {@code regexp/syntax} (which
 * Prometheus and VictoriaMetrics use) does, and for a copy without capturing groups.
 *
 * <p>Go refuses nested repetitions whose counts multiply past 1000 ("invalid repeat count": re2j
 * compiles {@code ((a{1000}){1000}){1000}} until the heap runs out) and trees deeper than 1000
 * ("expression nests too deeply"; capturing groups are tree nodes, {@code (?:} is not). The
 * capture-free copy answers "does it match the empty string" in linear time: re2j's matcher copies
 * every capture slot per thread, quadratic in the number of groups.
 */
final class RegexShape {
  /** Go's {@code maxHeight}; a pattern is at least two levels deeper than its capture nesting. */
  static final int MAX_HEIGHT = 1000;

  /** Go's limit on repetitions, nested ones multiplied. */
  static final int MAX_REPEAT = 1000;

  /** Go's complaint about {@code pattern}, or null; the pattern without captures, or null. */
  record Result(String error, String withoutCaptures) {}

  private RegexShape() {}

  static Result of(String pattern) {
    StringBuilder copy = new StringBuilder(pattern.length() + 16);
    int n = pattern.length();
    // Per open group: whether it captures, and the largest repetition product inside it.
    boolean[] capturing = new boolean[16];
    long[] inner = new long[16];
    int depth = 0;
    int captureDepth = 0;
    inner[0] = 1;
    long atom = 0; // repetition product of the last atom, 0 when there is none to repeat
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == '{' && atom > 0) {
        int close = repeatEnd(pattern, i);
        if (close > 0) {
          long max = repeatMax(pattern, i + 1, close);
          atom = max == 0 ? 0 : atom * Math.min(max, MAX_REPEAT + 1);
          if (atom > MAX_REPEAT) {
            return new Result(
                "invalid repeat count: `" + pattern.substring(i, close + 1) + "`", null);
          }
          copy.append(pattern, i, close + 1);
          i = close;
          continue;
        }
      }
      if (c == '*' || c == '+' || c == '?') {
        copy.append(c);
        continue;
      }
      inner[depth] = Math.max(inner[depth], atom);
      atom = 1;
      switch (c) {
        case '\\' -> i = escapeEnd(pattern, i, copy);
        case '[' -> i = classEnd(pattern, i, copy);
        case '(' -> {
          int body = i + 1;
          boolean captures = true;
          if (body < n && pattern.charAt(body) == '?') {
            if (pattern.startsWith("?P<", body) || pattern.startsWith("?<", body)) {
              int gt = pattern.indexOf('>', body);
              body = gt < 0 ? n : gt + 1;
            } else {
              captures = false;
            }
          }
          if (depth + 1 == capturing.length) {
            capturing = java.util.Arrays.copyOf(capturing, depth * 2 + 2);
            inner = java.util.Arrays.copyOf(inner, depth * 2 + 2);
          }
          depth++;
          capturing[depth] = captures;
          inner[depth] = 1;
          if (captures && ++captureDepth + 2 > MAX_HEIGHT) {
            return new Result("expression nests too deeply", null);
          }
          copy.append(captures ? "(?:" : "(");
          i = captures ? body - 1 : i;
          atom = 0;
        }
        case ')' -> {
          copy.append(c);
          if (depth > 0) {
            atom = inner[depth];
            captureDepth -= capturing[depth] ? 1 : 0;
            depth--;
          }
        }
        case '|' -> {
          copy.append(c);
          atom = 0;
        }
        default -> copy.append(c);
      }
    }
    return new Result(null, copy.toString());
  }

  /** The end of an escape: {@code \Q…\E}, {@code \p{…}}, {@code \x{…}} or one character. */
  private static int escapeEnd(String p, int i, StringBuilder copy) {
    int end;
    char next = i + 1 < p.length() ? p.charAt(i + 1) : 0;
    if (next == 'Q') {
      int e = p.indexOf("\\E", i + 2);
      end = e < 0 ? p.length() - 1 : e + 1;
    } else if ((next == 'p' || next == 'P' || next == 'x')
        && i + 2 < p.length()
        && p.charAt(i + 2) == '{') {
      int e = p.indexOf('}', i + 3);
      end = e < 0 ? p.length() - 1 : e;
    } else {
      end = Math.min(i + 1, p.length() - 1);
    }
    copy.append(p, i, end + 1);
    return end;
  }

  /** The closing {@code ]} of a class ({@code []a]} and {@code [^]a]} hold a literal "]"). */
  private static int classEnd(String p, int i, StringBuilder copy) {
    int j = i + 1;
    if (j < p.length() && p.charAt(j) == '^') {
      j++;
    }
    if (j < p.length() && p.charAt(j) == ']') {
      j++;
    }
    while (j < p.length() && p.charAt(j) != ']') {
      if (p.charAt(j) == '\\') {
        j++;
      } else if (p.startsWith("[:", j)) {
        int e = p.indexOf(":]", j + 2);
        j = e < 0 ? j : e + 1;
      }
      j++;
    }
    int end = Math.min(j, p.length() - 1);
    copy.append(p, i, end + 1);
    return end;
  }

  /**
   * The {@code }} closing a repetition {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}, or
   * -1.
   */
  private static int repeatEnd(String p, int i) {
    int j = i + 1;
    int digits = 0;
    while (j < p.length() && isDigit(p.charAt(j))) {
      j++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (j < p.length() && p.charAt(j) == ',') {
      j++;
      while (j < p.length() && isDigit(p.charAt(j))) {
        j++;
      }
    }
    return j < p.length() && p.charAt(j) == '}' ? j : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The count Go checks: the maximum, or the minimum of {@code {n,}}; saturated past the limit. */
  private static long repeatMax(String p, int from, int close) {
    int comma = p.indexOf(',', from);
    String count =
        comma < 0 || comma > close || comma + 1 == close
            ? p.substring(from, comma < 0 || comma > close ? close : comma)
            : p.substring(comma + 1, close);
    return count.length() > 6 ? MAX_REPEAT + 1 : Long.parseLong(count);
  }
}
