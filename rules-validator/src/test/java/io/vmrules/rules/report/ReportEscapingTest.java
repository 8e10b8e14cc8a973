package io.vmrules.rules.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a rule file may hold must not break the report formats a CI system parses. */
class ReportEscapingTest {
  private static ValidationReport report(String file, String text) {
    Finding f =
        new Finding(
            file,
            1,
            1,
            Finding.Level.ERROR,
            "rules.unknown-key",
            "g" + text,
            "r" + text,
            "m" + text);
    return new ValidationReport(
        1,
        1,
        1,
        List.of(f),
        Map.of(),
        List.of(new ValidationReport.RuleId(file, "g" + text, "r" + text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uFFFE", "\uFFFF", "\u0001", "\uD800", "<&>\"'", "\uD83D\uDE00"})
  void junitIsWellFormedWhateverTheKeysHold(String text) throws Exception {
    StringWriter out = new StringWriter();
    ReportFormat.JUNIT.write(report("f.yml", text), new PrintWriter(out), false);
    byte[] xml = out.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml)))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my rules.yml", "a#b?.yml", "100%.yml", "règles.yml"})
  void sarifUrisArePercentEncoded(String name) {
    String uri = SarifReport.uri("dir/" + name);
    assertThat(uri)
        .startsWith("dir/")
        .doesNotContain(" ", "#", "?", "è")
        .matches("[A-Za-z0-9._~/%-]+");
    assertThat(java.net.URI.create(uri).getPath()).isEqualTo("dir/" + name);
  }
}
