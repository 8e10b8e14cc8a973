package io.vmrules.promql;

import java.util.Arrays;

/** Turns character offsets into 1-based line and column numbers, only when they are needed. */
public final class LineMap {
  private final int[] lineStarts;

  public LineMap(String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    // indexOf is an intrinsic: several times faster than a charAt loop over a whole rule file.
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = i + 1;
    }
    lineStarts = Arrays.copyOf(starts, n);
  }

  /** 1-based line of {@code offset}. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** 1-based column of {@code offset} within its line. */
  public int column(int offset) {
    return offset - lineStarts[line(offset) - 1] + 1;
  }

  /** Number of lines: one more than the number of newlines. */
  public int lineCount() {
    return lineStarts.length;
  }

  /** Offset where 1-based {@code line} starts. */
  public int lineStart(int line) {
    return lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
  }
}
