package io.vmrules.template.funcs;

import java.nio.charset.StandardCharsets;

/** Go's {@code net/url} escapers. */
public final class Escapes {
  private Escapes() {}

  /** {@code url.QueryEscape}: space as {@code +}. */
  public static String queryEscape(String s) {
    return escape(s, true);
  }

  /**
   * {@code url.PathEscape}: escapes {@code /}, {@code ;}, {@code ,} and {@code ?} too; space as
   * %20.
   */
  public static String pathEscape(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean query) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (unreserved(c)
          || (!query && (c == '$' || c == '&' || c == '+' || c == ':' || c == '=' || c == '@'))) {
        b.append((char) c);
      } else if (c == ' ' && query) {
        b.append('+');
      } else {
        b.append('%')
            .append("0123456789ABCDEF".charAt(c >> 4))
            .append("0123456789ABCDEF".charAt(c & 15));
      }
    }
    return b.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }
}
