package io.vmrules.rules.report;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code file:line:col: severity: message [code]}, the source line and a caret; then a summary. */
final class TextReport implements ReportFormat.Writer {
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String GREEN = "\u001b[1;32m";
  private static final String RESET = "\u001b[0m";

  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    for (Finding f : report.findings()) {
      String severity = f.severity().label();
      if (terminal) {
        severity = (f.isError() ? RED : YELLOW) + severity + RESET;
      }
      out.write(f.file() + ":" + f.line() + ":" + f.column() + ": " + severity + ": "
          + f.message() + " [" + f.code() + "]\n");
      List<String> lines = report.sources().get(f.file());
      if (lines != null && f.line() >= 1 && f.line() <= lines.size()) {
        String line = lines.get(f.line() - 1);
        out.write("  " + line + "\n");
        out.write("  " + caretPadding(line, f.column()) + (terminal ? GREEN + "^" + RESET : "^") + "\n");
      }
    }
    out.write(String.format("%d %s, %d %s, %d %s: %d %s, %d %s%n",
        report.files(), plural(report.files(), "file"),
        report.groups(), plural(report.groups(), "group"),
        report.rules(), plural(report.rules(), "rule"),
        report.errors(), plural(report.errors(), "error"),
        report.warnings(), plural(report.warnings(), "warning")));
  }

  /** Keeps tabs so the caret lines up under the column in a terminal. */
  private static String caretPadding(String line, int column) {
    StringBuilder pad = new StringBuilder();
    for (int i = 0; i < column - 1 && i < line.length(); i++) {
      pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return pad.toString();
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
