package io.vmrules.rules.report;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** {@code file:line:col: severity: message [code]}, the source line and a caret; then a summary. */
final class TextReport implements ReportFormat.Writer {
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String GREEN = "\u001b[1;32m";
  private static final String RESET = "\u001b[0m";

  /**
   * Findings from which the second half of the report renders on a thread of its own. Fewer render
   * quicker on one: both threads would start in the interpreter and wait for the same compiler
   * (4.8k findings: 18 ms on one thread, 25 on two; 24k: 54 against 48).
   */
  private static final int SPLIT_FROM = 8192;

  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    // Each finding's text stands alone: a large report renders in two halves, the second on a
    // thread of its own while this one renders and writes the first. A plain thread: a parallel
    // stream in chunks cost its class loading and linking on every run.
    // One buffer and appends per half: a concatenation of eleven parts, or String.format, costs a
    // bootstrap on its first use, and this runs once per process.
    List<Finding> findings = report.findings();
    if (findings.size() < SPLIT_FROM) {
      out.write(render(report, findings, terminal).toString());
    } else {
      int half = findings.size() / 2;
      FutureTask<String> second =
          new FutureTask<>(
              () -> render(report, findings.subList(half, findings.size()), terminal).toString());
      Thread helper = new Thread(second, "report");
      helper.setDaemon(true);
      helper.start();
      out.write(render(report, findings.subList(0, half), terminal).toString());
      out.write(rendered(second));
    }
    StringBuilder b = new StringBuilder(128);
    b.append(report.files())
        .append(' ')
        .append(plural(report.files(), "file"))
        .append(", ")
        .append(report.groups())
        .append(' ')
        .append(plural(report.groups(), "group"))
        .append(", ")
        .append(report.rules())
        .append(' ')
        .append(plural(report.rules(), "rule"))
        .append(": ")
        .append(report.errors())
        .append(' ')
        .append(plural(report.errors(), "error"))
        .append(", ")
        .append(report.warnings())
        .append(' ')
        .append(plural(report.warnings(), "warning"))
        .append(System.lineSeparator());
    out.write(b.toString());
  }

  private static StringBuilder render(
      ValidationReport report, List<Finding> findings, boolean terminal) {
    StringBuilder b = new StringBuilder(findings.size() * 256);
    for (Finding f : findings) {
      render(report, f, terminal, b);
    }
    return b;
  }

  /**
   * One finding: a method of its own, which the JVM compiles after a few hundred calls (a loop is
   * compiled only after some 60k iterations: the whole report rendered interpreted).
   */
  private static void render(
      ValidationReport report, Finding f, boolean terminal, StringBuilder b) {
    b.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(": ");
    if (terminal) {
      b.append(f.isError() ? RED : YELLOW).append(f.severity().label()).append(RESET);
    } else {
      b.append(f.severity().label());
    }
    b.append(": ").append(f.message()).append(" [").append(f.code()).append("]\n");
    List<String> lines = report.sources().get(f.file());
    if (lines != null && f.line() >= 1 && f.line() <= lines.size()) {
      String line = lines.get(f.line() - 1);
      b.append("  ").append(line).append("\n  ");
      caretPadding(line, f.column(), b);
      b.append(terminal ? GREEN + "^" + RESET : "^").append('\n');
    }
  }

  private static String rendered(FutureTask<String> part) throws IOException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while rendering the report");
    } catch (ExecutionException e) {
      throw new IllegalStateException("rendering the report failed", e.getCause());
    }
  }

  /** Keeps tabs so the caret lines up under the column in a terminal. */
  private static void caretPadding(String line, int column, StringBuilder b) {
    int n = Math.max(0, Math.min(column - 1, line.length()));
    int tab = line.indexOf('\t');
    if (tab < 0 || tab >= n) { // no tab before the caret: the spaces in bulk
      for (int left = n; left > 0; left -= SPACES.length()) {
        b.append(SPACES, 0, Math.min(left, SPACES.length()));
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      b.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
  }

  /** Caret padding, appended in slices rather than a space at a time. */
  private static final String SPACES = " ".repeat(128);

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
