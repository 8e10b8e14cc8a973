package io.vmrules.rules.model;

import io.vmrules.promql.LineMap;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A file's lines (without their line ends) as an immutable list over the file's text: a line
 * becomes a string only when a report shows it, so a run over 50k rules does not keep every line of
 * every file twice.
 */
public final class SourceLines extends AbstractList<String> implements RandomAccess {
  private final String text;
  private final LineMap lines;

  public SourceLines(String text, LineMap lines) {
    this.text = text;
    this.lines = lines;
  }

  @Override
  public String get(int index) {
    if (index < 0 || index >= lines.lineCount()) {
      throw new IndexOutOfBoundsException(index);
    }
    int start = lines.lineStart(index + 1);
    if (index + 1 == lines.lineCount()) {
      return text.substring(start);
    }
    int end = lines.lineStart(index + 2) - 1; // the newline
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, end);
  }

  @Override
  public int size() {
    return lines.lineCount();
  }
}
