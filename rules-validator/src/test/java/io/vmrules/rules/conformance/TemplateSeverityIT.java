package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.validate.Validation;
import io.vmrules.rules.validate.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of template finding, in an annotation and in a label: an error exactly where promtool
 * ({@code --dialect promql}) or vmalert ({@code metricsql}) refuses the file, a warning where they
 * load it and only rendering would fail. Every case must be found (no clean template here).
 */
class TemplateSeverityIT {
  private static final String[] TEMPLATES = {
    "{{ $labels.x", // template.syntax
    "{{ nosuchfunction 1 }}", // template.unknown-function
    "{{ $nosuchvariable }}", // template.undefined-variable
    "{{ value }}", // template.arity
    "{{ humanize }}", // template.arity
    "{{ template \"elsewhere\" . }}", // template.undefined-template
  };

  @TempDir Path dir;

  @Test
  void promtoolRefusesExactlyTheTemplatesWeCallErrors() throws Exception {
    assertThat(disagreements(Dialect.PROMQL, RuleFileVerdict.promtool())).isEmpty();
  }

  @Test
  void vmalertRefusesExactlyTheTemplatesWeCallErrors() throws Exception {
    assertThat(disagreements(Dialect.METRICSQL, RuleFileVerdict.vmalert())).isEmpty();
  }

  private List<String> disagreements(Dialect dialect, RuleFileVerdict tool) throws Exception {
    List<String> out = new ArrayList<>();
    for (String template : TEMPLATES) {
      for (String where : List.of("annotations", "labels")) {
        String text =
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n"
                + "        "
                + where
                + ":\n          summary: '"
                + template
                + "'\n";
        Path file = dir.resolve("t.yml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        ValidationReport report =
            new Validation(Validation.Options.of(dialect))
                .validate(Map.of("t.yml", text.getBytes(StandardCharsets.UTF_8)))
                .report();
        assertThat(report.findings()).as("a finding for %s", template).isNotEmpty();
        boolean ours = report.errors() == 0;
        boolean theirs = tool.accepts(file);
        if (ours != theirs) {
          out.add(
              where
                  + " "
                  + template
                  + ": "
                  + (theirs ? "they load it, we call it an error" : "they refuse it, we warn"));
        }
      }
    }
    return out;
  }
}
