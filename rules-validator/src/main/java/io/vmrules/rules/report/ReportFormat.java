package io.vmrules.rules.report;

import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;

/** The output formats of {@code rules validate}. */
public enum ReportFormat {
  TEXT(TextReport::new),
  JSON(JsonReport::new),
  GITHUB(GithubReport::new),
  JUNIT(JunitReport::new),
  SARIF(SarifReport::new);

  /** Writes a report in one format. */
  public interface Writer {
    /** {@code terminal}: the output is an interactive terminal (colour allowed). */
    void write(ValidationReport report, java.io.Writer out, boolean terminal) throws IOException;
  }

  // A supplier, so a run loads only the classes (and libraries) of the format it prints.
  private final java.util.function.Supplier<Writer> writer;

  ReportFormat(java.util.function.Supplier<Writer> writer) {
    this.writer = writer;
  }

  public void write(ValidationReport report, java.io.Writer out, boolean terminal)
      throws IOException {
    writer.get().write(report, out, terminal);
    out.flush();
  }
}
