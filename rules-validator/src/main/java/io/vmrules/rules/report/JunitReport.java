package io.vmrules.rules.report;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import io.vmrules.rules.validate.ValidationReport.RuleId;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML: one test suite a file, one test case a rule (passing ones too), and one for findings
 * outside rules. A test case with errors has one failure (the JUnit schema allows one) whose
 * message is the first error and whose body lists them all; warnings go to system-out.
 */
final class JunitReport implements ReportFormat.Writer {
  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    Map<String, Map<String, List<Finding>>> byFile = new LinkedHashMap<>();
    for (String file : report.sources().keySet().stream().sorted().toList()) {
      byFile.put(file, new LinkedHashMap<>());
    }
    for (RuleId id : report.checked()) {
      byFile
          .computeIfAbsent(id.file(), k -> new LinkedHashMap<>())
          .computeIfAbsent(id.group() + "/" + id.rule(), k -> new ArrayList<>());
    }
    for (Finding f : report.findings()) {
      String testCase =
          f.rule().isEmpty()
              ? (f.group().isEmpty() ? "(file)" : f.group() + " (group)")
              : f.group() + "/" + f.rule();
      byFile
          .computeIfAbsent(f.file(), k -> new LinkedHashMap<>())
          .computeIfAbsent(testCase, k -> new ArrayList<>())
          .add(f);
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int tests = byFile.values().stream().mapToInt(Map::size).sum();
    long failing = byFile.values().stream().mapToLong(JunitReport::failing).sum();
    out.write(
        "<testsuites name=\"rules validate\" tests=\""
            + tests
            + "\" failures=\""
            + failing
            + "\">\n");
    for (Map.Entry<String, Map<String, List<Finding>>> file : byFile.entrySet()) {
      long failures = failing(file.getValue());
      out.write(
          "  <testsuite name=\""
              + Xml.escape(file.getKey())
              + "\" tests=\""
              + file.getValue().size()
              + "\" failures=\""
              + failures
              + "\">\n");
      for (Map.Entry<String, List<Finding>> tc : file.getValue().entrySet()) {
        if (tc.getValue().isEmpty()) {
          out.write(
              "    <testcase classname=\""
                  + Xml.escape(file.getKey())
                  + "\" name=\""
                  + Xml.escape(tc.getKey())
                  + "\"/>\n");
          continue;
        }
        out.write(
            "    <testcase classname=\""
                + Xml.escape(file.getKey())
                + "\" name=\""
                + Xml.escape(tc.getKey())
                + "\">\n");
        StringBuilder errors = new StringBuilder();
        StringBuilder warnings = new StringBuilder();
        Finding firstError = null;
        for (Finding f : tc.getValue()) {
          String line =
              f.file()
                  + ":"
                  + f.line()
                  + ":"
                  + f.column()
                  + ": "
                  + f.message()
                  + " ["
                  + f.code()
                  + "]\n";
          if (f.isError()) {
            firstError = firstError == null ? f : firstError;
            errors.append(line);
          } else {
            warnings.append(line);
          }
        }
        if (firstError != null) {
          out.write(
              "      <failure type=\""
                  + Xml.escape(firstError.code())
                  + "\" message=\""
                  + Xml.escape(firstError.message())
                  + "\">"
                  + Xml.escape(errors.toString())
                  + "</failure>\n");
        }
        if (warnings.length() > 0) {
          out.write("      <system-out>" + Xml.escape(warnings.toString()) + "</system-out>\n");
        }
        out.write("    </testcase>\n");
      }
      out.write("  </testsuite>\n");
    }
    out.write("</testsuites>\n");
  }

  private static long failing(Map<String, List<Finding>> testCases) {
    return testCases.values().stream().filter(fs -> fs.stream().anyMatch(Finding::isError)).count();
  }
}
