package io.vmrules.rules.report;

import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;

/** The output formats of {@code rules validate}. */
public enum ReportFormat {
  TEXT(new TextReport()),
  JSON(new JsonReport()),
  GITHUB(new GithubReport()),
  JUNIT(new JunitReport());

  /** Writes a report in one format. */
  public interface Writer {
    void write(ValidationReport report, java.io.Writer out) throws IOException;
  }

  private final Writer writer;

  ReportFormat(Writer writer) {
    this.writer = writer;
  }

  public void write(ValidationReport report, java.io.Writer out) throws IOException {
    writer.write(report, out);
    out.flush();
  }
}
