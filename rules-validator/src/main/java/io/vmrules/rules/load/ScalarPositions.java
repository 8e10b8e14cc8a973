package io.vmrules.rules.load;

import io.vmrules.promql.LineMap;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.model.TextPositions;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Aligns a YAML scalar's value with its source text, so that an offset in the value maps to the
 * file position of the character it came from: plain, quoted, literal ({@code |}) and folded
 * ({@code >}) scalars alike. Indentation, line folding, quotes and escape backslashes in the source
 * are skipped over; a character that has no twin (the result of an escape) maps to where the escape
 * stands.
 */
final class ScalarPositions implements TextPositions {
  private final String file;
  private final String text;
  private final LineMap lines;
  private final int start;
  private final int end;
  private final String value;
  private final boolean doubleQuoted;

  private ScalarPositions(
      String file, String text, LineMap lines, int start, int end, String value) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    this.start = start;
    this.end = end;
    this.value = value;
    this.doubleQuoted = false;
  }

  private ScalarPositions(ScalarPositions p, boolean doubleQuoted) {
    this.file = p.file;
    this.text = p.text;
    this.lines = p.lines;
    this.start = p.start;
    this.end = p.end;
    this.value = p.value;
    this.doubleQuoted = doubleQuoted;
  }

  static TextPositions of(
      String file,
      String text,
      LineMap lines,
      int rawStart,
      int rawEnd,
      String value,
      ScalarStyle style) {
    int start = rawStart;
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      int newline = text.indexOf('\n', rawStart);
      start = newline < 0 ? rawStart : newline + 1;
    } else if (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
      start = rawStart + 1;
    }
    int end = Math.min(Math.max(rawEnd, start), text.length());
    ScalarPositions p = new ScalarPositions(file, text, lines, start, end, value);
    return style == ScalarStyle.DOUBLE_QUOTED ? new ScalarPositions(p, true) : p;
  }

  @Override
  public SourcePosition at(int offset) {
    int raw = align(Math.max(0, Math.min(offset, value.length())));
    return new SourcePosition(file, lines.line(raw), lines.column(raw));
  }

  /**
   * Where the value's character {@code offset} stands in the text (for the value's end: just after
   * its last character). Walked from the start on each lookup, not kept: most values never have a
   * finding, and an index kept per value with one was a quarter of the memory that a large run
   * held.
   */
  private int align(int offset) {
    if (offset == value.length()) {
      return value.isEmpty() ? start : Math.min(align(offset - 1) + 1, text.length());
    }
    int r = start;
    for (int i = 0; ; i++) {
      char c = value.charAt(i);
      if (doubleQuoted) {
        // skip line breaks and escaped line breaks, which yield nothing, then take an escape whole:
        // \u0075 is one character of the value at the backslash, not six
        while (r < end
            && (text.charAt(r) == '\n'
                || text.charAt(r) == '\r'
                || (text.charAt(r) == ' ' && c != ' ')
                || (text.charAt(r) == '\\'
                    && r + 1 < end
                    && (text.charAt(r + 1) == '\n' || text.charAt(r + 1) == '\r')))) {
          r += text.charAt(r) == '\\' ? 2 : 1;
        }
        if (r + 1 < end && text.charAt(r) == '\\') {
          char e = text.charAt(r + 1);
          int length = e == 'x' ? 4 : e == 'u' ? 6 : e == 'U' ? 10 : 2;
          int at = r;
          r = Math.min(r + length, end);
          if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
            if (i == offset || i + 1 == offset) {
              return at;
            }
            i++;
          }
          if (i == offset) {
            return at;
          }
          continue;
        }
      }
      int probe = r;
      while (probe < end && text.charAt(probe) != c && skippable(text.charAt(probe))) {
        probe++;
      }
      int at;
      if (probe < end && text.charAt(probe) == c) {
        at = probe;
        r = probe + 1;
      } else {
        at = Math.min(r, Math.max(start, end - 1));
        r = Math.min(r + 1, end);
      }
      if (i == offset) {
        return at;
      }
    }
  }

  private static boolean skippable(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '"' || c == '\'';
  }
}
