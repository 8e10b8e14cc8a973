package io.vmrules.rules.report;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands: one {@code ::error} or {@code ::warning} annotation a finding.
 */
final class GithubReport implements ReportFormat.Writer {
  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    for (Finding f : report.findings()) {
      out.write(
          "::"
              + f.severity().label()
              + " file="
              + property(f.file())
              + ",line="
              + f.line()
              + ",col="
              + f.column()
              + ",title="
              + property(f.code())
              + "::"
              + data(f.message())
              + "\n");
    }
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
