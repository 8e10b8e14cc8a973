package io.vmrules.rules.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;
import java.util.TreeSet;

/** SARIF 2.1.0, the format code-scanning UIs (GitHub, GitLab, IDEs) read. */
final class SarifReport implements ReportFormat.Writer {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "rules validate");
      g.writeArrayFieldStart("rules");
      TreeSet<String> codes = new TreeSet<>();
      report.findings().forEach(f -> codes.add(f.code()));
      for (String code : codes) {
        g.writeStartObject();
        g.writeStringField("id", code);
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", code);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (Finding f : report.findings()) {
        g.writeStartObject();
        g.writeStringField("ruleId", f.code());
        g.writeStringField("level", f.isError() ? "error" : "warning");
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.message());
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", uri(f.file()));
        g.writeEndObject();
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", f.line());
        g.writeNumberField("startColumn", f.column());
        g.writeEndObject();
        g.writeEndObject();
        if (!f.rule().isEmpty() || !f.group().isEmpty()) {
          g.writeArrayFieldStart("logicalLocations");
          g.writeStartObject();
          g.writeStringField(
              "fullyQualifiedName", f.rule().isEmpty() ? f.group() : f.group() + "/" + f.rule());
          g.writeEndObject();
          g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
  }

  /**
   * A file path as a relative URI reference: RFC 3986 unreserved characters and '/' as they are.
   */
  static String uri(String path) {
    StringBuilder b = new StringBuilder(path.length());
    for (byte x : path.replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
