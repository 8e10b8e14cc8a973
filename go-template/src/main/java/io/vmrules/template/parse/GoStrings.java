package io.vmrules.template.parse;

/** Go's {@code strconv.Unquote} for interpreted string and rune literals. */
public final class GoStrings {
  private GoStrings() {}

  /** The value of {@code "…"} or {@code '…'}, or null if it is not a valid literal. */
  public static String unquote(String lit, char quote) {
    if (lit.length() < 2 || lit.charAt(0) != quote || lit.charAt(lit.length() - 1) != quote) {
      return null;
    }
    String s = lit.substring(1, lit.length() - 1);
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == quote && quote == '"') {
        return null;
      }
      if (c != '\\') {
        b.append(c);
        i++;
        continue;
      }
      if (i + 1 >= s.length()) {
        return null;
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append('\u000b');
        case '\\' -> b.append('\\');
        case '\'', '"' -> {
          if (e != quote) {
            return null;
          }
          b.append(e);
        }
        case 'x', 'u', 'U' -> {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + n > s.length()) {
            return null;
          }
          int v;
          try {
            v = Integer.parseInt(s.substring(i, i + n), 16);
          } catch (NumberFormatException ex) {
            return null;
          }
          i += n;
          if (e == 'x') {
            b.append((char) v); // a byte; exact for ASCII
          } else {
            if (!Character.isValidCodePoint(v) || (v >= 0xD800 && v <= 0xDFFF)) {
              return null;
            }
            b.appendCodePoint(v);
          }
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 2 > s.length()) {
            return null;
          }
          try {
            int v = Integer.parseInt(s.substring(i - 1, i + 2), 8);
            if (v > 255) {
              return null;
            }
            b.append((char) v);
          } catch (NumberFormatException ex) {
            return null;
          }
          i += 2;
        }
        default -> {
          return null;
        }
      }
    }
    return b.toString();
  }
}
