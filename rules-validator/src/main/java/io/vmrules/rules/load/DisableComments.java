package io.vmrules.rules.load;

import io.vmrules.promql.LineMap;
import io.vmrules.rules.model.SourceLines;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code # rules: disable CODE[,CODE]} comments of one rule file, by the rule they belong to.
 */
final class DisableComments {
  private static final Pattern DISABLE_COMMENT =
      Pattern.compile("#\\s*rules:\\s*disable\\s+([\\w.,\\s-]+)");

  private final String text;
  private final LineMap lines;
  private final SourceLines sourceLines;
  private int[] hashes;

  DisableComments(String text, LineMap lines, SourceLines sourceLines) {
    this.text = text;
    this.lines = lines;
    this.sourceLines = sourceLines;
  }

  /**
   * Lint codes named in {@code # rules: disable CODE} comments inside the rule or just above it.
   */
  Set<String> codes(Node node) {
    Set<String> codes = new HashSet<>();
    int first = node.getStartMark().map(Mark::getLine).orElse(0);
    int last = node.getEndMark().map(Mark::getLine).orElse(first);
    int lastLine = lines.lineCount() - 1;
    // A block mapping ends where the next item starts: comments after its last line belong to
    // the next rule ("# rules: disable" above it), not to this one.
    while (last > first && isCommentOrBlank(Math.min(last, lastLine))) {
      last--;
    }
    if (last > first
        && node.getEndMark().map(Mark::getColumn).orElse(1)
            <= node.getStartMark().map(Mark::getColumn).orElse(0)) {
      last--;
      while (last > first && isCommentOrBlank(Math.min(last, lastLine))) {
        last--;
      }
    }
    // Only lines with a '#' can hold the comment: look the rule's lines up in the file's '#'s.
    int from = lines.lineStart(Math.max(0, first - 1) + 1);
    int to = lineEnd(Math.min(last, lastLine));
    int[] hashes = hashes();
    int k = Arrays.binarySearch(hashes, from);
    int skipTo = from;
    for (k = k >= 0 ? k : -k - 1; k < hashes.length && hashes[k] < to; k++) {
      int i = hashes[k];
      if (i < skipTo) {
        continue;
      }
      int line = lines.line(i) - 1;
      Matcher matcher = DISABLE_COMMENT.matcher(sourceLines.get(line));
      if (matcher.find()) {
        for (String code : matcher.group(1).split("[,\\s]+")) {
          if (!code.isBlank()) {
            codes.add(code.trim());
          }
        }
      }
      skipTo = lineEnd(line);
    }
    return codes;
  }

  /**
   * Offsets of every '#' in the file, found once (indexOf is an intrinsic; a loop per rule was
   * not).
   */
  private int[] hashes() {
    if (hashes == null) {
      int[] found = new int[16];
      int n = 0;
      for (int i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = i;
      }
      hashes = Arrays.copyOf(found, n);
    }
    return hashes;
  }

  /** The offset of the end of 0-based line {@code line} (its newline, or the end of the text). */
  private int lineEnd(int line) {
    return line + 2 <= lines.lineCount() ? lines.lineStart(line + 2) - 1 : text.length();
  }

  /** Whether 0-based line {@code line} holds only spaces, or a comment. */
  private boolean isCommentOrBlank(int line) {
    int end = lineEnd(line);
    for (int i = lines.lineStart(line + 1); i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r') {
        return c == '#';
      }
    }
    return true;
  }
}
