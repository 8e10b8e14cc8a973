package io.vmrules.rules.load;

import io.vmrules.promql.LineMap;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.model.TextPositions;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Aligns a YAML scalar's value with its source text, so that an offset in the value maps to the
 * file position of the character it came from: plain, quoted, literal ({@code |}) and folded
 * ({@code >}) scalars alike. Indentation, line folding, quotes and escape backslashes in the
 * source are skipped over; a character that has no twin (the result of an escape) maps to where
 * the escape stands. The alignment is made on the first lookup: most values never have a finding.
 */
final class ScalarPositions implements TextPositions {
  private final String file;
  private final String text;
  private final LineMap lines;
  private final int start;
  private final int end;
  private final String value;
  private int[] index;

  private ScalarPositions(String file, String text, LineMap lines, int start, int end, String value) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    this.start = start;
    this.end = end;
    this.value = value;
  }

  static TextPositions of(
      String file, String text, LineMap lines, int rawStart, int rawEnd, String value, ScalarStyle style) {
    int start = rawStart;
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      int newline = text.indexOf('\n', rawStart);
      start = newline < 0 ? rawStart : newline + 1;
    } else if (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
      start = rawStart + 1;
    }
    int end = Math.min(Math.max(rawEnd, start), text.length());
    return new ScalarPositions(file, text, lines, start, end, value);
  }

  @Override
  public SourcePosition at(int offset) {
    int raw = index()[Math.max(0, Math.min(offset, value.length()))];
    return new SourcePosition(file, lines.line(raw), lines.column(raw));
  }

  private synchronized int[] index() {
    if (index == null) {
      index = align();
    }
    return index;
  }

  private int[] align() {
    int[] index = new int[value.length() + 1];
    int r = start;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int probe = r;
      while (probe < end && text.charAt(probe) != c && skippable(text.charAt(probe))) {
        probe++;
      }
      if (probe < end && text.charAt(probe) == c) {
        index[i] = probe;
        r = probe + 1;
      } else {
        index[i] = Math.min(r, Math.max(start, end - 1));
        r = Math.min(r + 1, end);
      }
    }
    index[value.length()] = value.isEmpty() ? start : Math.min(index[value.length() - 1] + 1, text.length());
    return index;
  }

  private static boolean skippable(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '"' || c == '\'';
  }
}
