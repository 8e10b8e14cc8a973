package io.vmrules.rules.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.Writer;

/** Exactly one JSON object, keys in the order of the contract (design §5). */
final class JsonReport implements ReportFormat.Writer {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public void write(ValidationReport report, Writer out, boolean terminal) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("files", report.files());
      g.writeNumberField("groups", report.groups());
      g.writeNumberField("rules", report.rules());
      g.writeNumberField("errors", report.errors());
      g.writeNumberField("warnings", report.warnings());
      g.writeArrayFieldStart("diagnostics");
      for (Finding f : report.findings()) {
        g.writeStartObject();
        g.writeStringField("file", f.file());
        g.writeNumberField("line", f.line());
        g.writeNumberField("column", f.column());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("code", f.code());
        g.writeStringField("group", f.group());
        g.writeStringField("rule", f.rule());
        g.writeStringField("message", f.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
  }
}
