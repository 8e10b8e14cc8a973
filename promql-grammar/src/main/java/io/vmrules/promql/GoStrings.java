package io.vmrules.promql;

/**
 * Go strings are bytes: a PromQL string literal's {@code \xNN} and octal escapes may spell bytes
 * that are not UTF-8 ({@code "\xff"}), which Prometheus keeps and then refuses where text must be
 * valid (label names, regular expressions). Java strings are text, so such a byte is kept as one
 * char of U+DC80–U+DCFF, a lone low surrogate that no decoded text contains (the scheme of Python's
 * "surrogateescape"): checks can tell the string is not valid UTF-8, and the printer writes the
 * byte back as {@code \xNN}.
 */
public final class GoStrings {
  private GoStrings() {}

  /** The char that stands for byte {@code b} (0x80–0xFF) of invalid UTF-8. */
  public static char escapedByte(int b) {
    return (char) (0xDC00 | (b & 0xFF));
  }

  /**
   * Whether the char at {@code i} stands for a byte of invalid UTF-8 (its byte is {@code c &
   * 0xFF}): a low surrogate of U+DC80–U+DCFF that is not the second half of a pair.
   */
  public static boolean isEscapedByteAt(CharSequence s, int i) {
    char c = s.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** Whether the Go string {@code s} stands for is valid UTF-8. */
  public static boolean isValidUtf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isEscapedByteAt(s, i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends {@code bytes[0, n)} decoded as Go decodes UTF-8: each valid sequence as its character,
   * each byte that starts no valid sequence (a stray continuation byte, a truncated or overlong
   * sequence, a surrogate, a code point above U+10FFFF) as {@link #escapedByte}.
   */
  public static void decodeUtf8(byte[] bytes, int n, StringBuilder out) {
    int i = 0;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        out.append((char) b);
        i++;
        continue;
      }
      int length;
      int min; // the second byte's range, which rules out overlong forms and surrogates
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        min = b == 0xE0 ? 0xA0 : 0x80;
        max = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        min = b == 0xF0 ? 0x90 : 0x80;
        max = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        out.append(escapedByte(b));
        i++;
        continue;
      }
      int cp = b & (0xFF >> (length + 1));
      int j = 1;
      for (; j < length && i + j < n; j++) {
        int c = bytes[i + j] & 0xFF;
        if (c < (j == 1 ? min : 0x80) || c > (j == 1 ? max : 0xBF)) {
          break;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (j < length) {
        out.append(escapedByte(b)); // Go yields one RuneError for the lead byte, then goes on
        i++;
        continue;
      }
      out.appendCodePoint(cp);
      i += length;
    }
  }
}
