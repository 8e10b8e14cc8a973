package io.vmrules.rules.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v2/alerts}: a JSON array of {@code postableAlert}s. */
final class AlertmanagerPayload {
  private static final JsonFactory JSON = new JsonFactory();

  private AlertmanagerPayload() {}

  static byte[] encode(List<Notification> alerts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * Math.max(1, alerts.size()));
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (Notification n : alerts) {
        g.writeStartObject();
        g.writeObjectFieldStart("labels");
        n.labels().forEach((k, v) -> field(g, k, v));
        g.writeEndObject();
        g.writeObjectFieldStart("annotations");
        for (Map.Entry<String, String> e : n.annotations().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("startsAt", time(n.startsAt()));
        g.writeStringField("endsAt", time(n.endsAt()));
        if (!n.generatorURL().isEmpty()) {
          g.writeStringField("generatorURL", n.generatorURL());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void field(JsonGenerator g, String k, String v) {
    try {
      g.writeStringField(k, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 3339 in UTC, as Alertmanager parses it. */
  static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }
}
