package io.vmrules.rules.report;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.IntStream;

/** {@code file:line:col: severity: message [code]}, the source line and a caret; then a summary. */
final class TextReport implements ReportFormat.Writer {
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String GREEN = "\u001b[1;32m";
  private static final String RESET = "\u001b[0m";

  /** Findings per chunk rendered on its own; fewer in all, and the report renders on one core. */
  private static final int CHUNK = 1024;

  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    // Each finding's text stands alone: a large report renders in chunks on every core, and the
    // chunks go out in order. One buffer and appends per chunk: a concatenation of eleven parts,
    // or String.format, costs a bootstrap on its first use, and this runs once per process.
    List<Finding> findings = report.findings();
    int chunks = (findings.size() + CHUNK - 1) / CHUNK;
    if (chunks <= 1) {
      out.write(render(report, findings, terminal).toString());
    } else {
      String[] parts =
          IntStream.range(0, chunks)
              .parallel()
              .mapToObj(
                  i ->
                      render(
                              report,
                              findings.subList(
                                  i * CHUNK, Math.min(findings.size(), (i + 1) * CHUNK)),
                              terminal)
                          .toString())
              .toArray(String[]::new);
      for (String part : parts) {
        out.write(part);
      }
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
    return b;
  }

  /** Keeps tabs so the caret lines up under the column in a terminal. */
  private static void caretPadding(String line, int column, StringBuilder b) {
    for (int i = 0; i < column - 1 && i < line.length(); i++) {
      b.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
