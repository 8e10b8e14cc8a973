package io.vmrules.rules.report;

/** XML escaping for the reports that write XML (JUnit here and in {@code rules test}). */
public final class Xml {
  private Xml() {}

  /**
   * {@code s} as XML 1.0 text or attribute value: markup escaped, characters XML cannot hold as
   * U+FFFD.
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          // XML 1.0 holds tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and
          // surrogate pairs; anything else (U+FFFE, a lone surrogate) becomes U+FFFD.
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (c == '\n'
              || c == '\t'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)) {
            b.append(c);
          } else if (c >= 0x20) {
            b.append('\uFFFD');
          }
        }
      }
    }
    return b.toString();
  }
}
