package io.vmrules.rules.report;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML: one test suite a file, one test case a rule (and one for findings outside rules);
 * errors are failures, warnings go to system-out.
 */
final class JunitReport implements ReportFormat.Writer {
  @Override
  public void write(ValidationReport report, Writer out) throws IOException {
    Map<String, Map<String, List<Finding>>> byFile = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      String testCase = f.rule().isEmpty() ? (f.group().isEmpty() ? "(file)" : f.group() + " (group)") : f.group() + "/" + f.rule();
      byFile.computeIfAbsent(f.file(), k -> new LinkedHashMap<>())
          .computeIfAbsent(testCase, k -> new ArrayList<>())
          .add(f);
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites name=\"rules validate\" tests=\"" + report.rules() + "\" failures=\""
        + report.errors() + "\">\n");
    for (Map.Entry<String, Map<String, List<Finding>>> file : byFile.entrySet()) {
      out.write("  <testsuite name=\"" + xml(file.getKey()) + "\" tests=\"" + file.getValue().size() + "\">\n");
      for (Map.Entry<String, List<Finding>> tc : file.getValue().entrySet()) {
        out.write("    <testcase classname=\"" + xml(file.getKey()) + "\" name=\"" + xml(tc.getKey()) + "\">\n");
        StringBuilder warnings = new StringBuilder();
        for (Finding f : tc.getValue()) {
          String line = f.file() + ":" + f.line() + ":" + f.column() + ": " + f.message() + " [" + f.code() + "]";
          if (f.isError()) {
            out.write("      <failure type=\"" + xml(f.code()) + "\" message=\"" + xml(f.message()) + "\">"
                + xml(line) + "</failure>\n");
          } else {
            warnings.append(line).append('\n');
          }
        }
        if (warnings.length() > 0) {
          out.write("      <system-out>" + xml(warnings.toString()) + "</system-out>\n");
        }
        out.write("    </testcase>\n");
      }
      out.write("  </testsuite>\n");
    }
    out.write("</testsuites>\n");
  }

  private static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
