package io.vmrules.rules.unittest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmrules.rules.report.Xml;
import io.vmrules.rules.unittest.TestResults.Failure;
import io.vmrules.rules.unittest.TestResults.FileResult;
import io.vmrules.rules.unittest.TestResults.GroupResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The formats {@code rules test} prints: text (promtool's, with a diff mode), JSON and JUnit XML.
 */
public enum TestReport {
  TEXT,
  JSON,
  JUNIT;

  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RESET = "\u001b[0m";

  /** One file's text as soon as it is done (text only; the others print at the end). */
  public static void textFile(FileResult r, PrintWriter out, boolean diff, boolean color) {
    out.println("Unit Testing: " + r.file());
    if (!r.problems().isEmpty()) {
      out.println("  FAILED:");
      for (String p : r.problems()) {
        out.println("    " + p);
      }
      return;
    }
    boolean failed = false;
    for (GroupResult g : r.groups()) {
      if (g.passed()) {
        continue;
      }
      if (!failed) {
        out.println("  FAILED:");
        failed = true;
      }
      out.println(
          "    " + r.file() + ":" + g.line() + ": test group " + Texts.quote(g.name()) + ":");
      for (Failure f : g.failures()) {
        if (diff && !f.diff().isEmpty()) {
          out.println(
              "    "
                  + r.file()
                  + ":"
                  + f.line()
                  + ": "
                  + f.message().lines().findFirst().orElse(""));
          for (String d : f.diff()) {
            out.println("      " + paint(d, color));
          }
        } else {
          out.println(
              "    " + r.file() + ":" + f.line() + ": " + f.message().replace("\n", "\n    "));
        }
      }
      out.println();
    }
    if (!failed) {
      out.println("  SUCCESS");
    }
    out.flush();
  }

  private static String paint(String line, boolean color) {
    if (!color) {
      return line;
    }
    String t = line.stripLeading();
    String c =
        t.startsWith("-") ? RED : t.startsWith("+") ? GREEN : t.startsWith("~") ? YELLOW : null;
    return c == null ? line : c + line + RESET;
  }

  /** The closing line of a text run. */
  public static void textSummary(List<FileResult> results, PrintWriter out) {
    int passed = 0;
    int failed = 0;
    int files = 0;
    for (FileResult r : results) {
      if (!r.problems().isEmpty()) {
        files++;
      }
      for (GroupResult g : r.groups()) {
        if (g.passed()) {
          passed++;
        } else {
          failed++;
        }
      }
    }
    out.println();
    out.println(
        (passed + failed)
            + " test groups: "
            + passed
            + " passed, "
            + failed
            + " failed"
            + (files == 0 ? "" : "; " + files + " test files could not run"));
    out.flush();
  }

  /** The whole run in this format (JSON and JUnit; text is printed file by file). */
  public void write(List<FileResult> results, PrintWriter out) throws IOException {
    switch (this) {
      case TEXT -> textSummary(results, out);
      case JSON -> json(results, out);
      case JUNIT -> junit(results, out);
    }
    out.flush();
  }

  private static void json(List<FileResult> results, PrintWriter out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      int passed = 0;
      int failed = 0;
      g.writeStartObject();
      g.writeArrayFieldStart("files");
      for (FileResult r : results) {
        g.writeStartObject();
        g.writeStringField("file", r.file());
        g.writeBooleanField("passed", r.passed());
        g.writeArrayFieldStart("problems");
        for (String p : r.problems()) {
          g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("groups");
        for (GroupResult gr : r.groups()) {
          if (gr.passed()) {
            passed++;
          } else {
            failed++;
          }
          g.writeStartObject();
          g.writeStringField("name", gr.name());
          g.writeNumberField("line", gr.line());
          g.writeBooleanField("passed", gr.passed());
          g.writeNumberField("seconds", gr.took().toMillis() / 1000.0);
          g.writeArrayFieldStart("failures");
          for (Failure f : gr.failures()) {
            g.writeStartObject();
            g.writeNumberField("line", f.line());
            g.writeStringField("message", f.message());
            g.writeArrayFieldStart("diff");
            for (String d : f.diff()) {
              g.writeString(d);
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("passed", passed);
      g.writeNumberField("failed", failed);
      g.writeEndObject();
    }
    out.println();
  }

  private static void junit(List<FileResult> results, PrintWriter out) {
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.println("<testsuites name=\"rules test\">");
    for (FileResult r : results) {
      int failures = 0;
      for (GroupResult g : r.groups()) {
        failures += g.passed() ? 0 : 1;
      }
      int tests = r.groups().size() + (r.problems().isEmpty() ? 0 : 1);
      failures += r.problems().isEmpty() ? 0 : 1;
      out.println(
          "  <testsuite name=\""
              + Xml.escape(r.file())
              + "\" tests=\""
              + tests
              + "\" failures=\""
              + failures
              + "\">");
      if (!r.problems().isEmpty()) {
        out.println("    <testcase name=\"(load)\" classname=\"" + Xml.escape(r.file()) + "\">");
        out.println(
            "      <failure message=\""
                + Xml.escape(r.problems().get(0))
                + "\">"
                + Xml.escape(String.join("\n", r.problems()))
                + "</failure>");
        out.println("    </testcase>");
      }
      for (GroupResult g : r.groups()) {
        out.print(
            "    <testcase name=\""
                + Xml.escape(g.name())
                + "\" classname=\""
                + Xml.escape(r.file())
                + "\" time=\""
                + String.format(Locale.ROOT, "%.3f", g.took().toMillis() / 1000.0)
                + "\"");
        if (g.passed()) {
          out.println("/>");
          continue;
        }
        out.println(">");
        StringBuilder text = new StringBuilder();
        for (Failure f : g.failures()) {
          text.append(r.file())
              .append(':')
              .append(f.line())
              .append(": ")
              .append(f.message())
              .append('\n');
        }
        out.println(
            "      <failure message=\""
                + Xml.escape(g.failures().size() + " checks failed")
                + "\">"
                + Xml.escape(text.toString())
                + "</failure>");
        out.println("    </testcase>");
      }
      out.println("  </testsuite>");
    }
    out.println("</testsuites>");
  }
}
