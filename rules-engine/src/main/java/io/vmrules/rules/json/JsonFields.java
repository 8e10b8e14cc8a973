package io.vmrules.rules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vmrules.rules.eval.Labels;
import java.io.IOException;
import java.util.Map;

/** JSON objects of strings, as the HTTP API and the cluster's stored state both write them. */
public final class JsonFields {
  private JsonFields() {}

  /** {@code field: {name: value, …}} in the labels' order (sorted), without a map in between. */
  public static void labels(JsonGenerator g, String field, Labels labels) throws IOException {
    g.writeObjectFieldStart(field);
    for (int i = 0; i < labels.size(); i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
  }

  /** {@code field: {key: value, …}} in the map's order. */
  public static void strings(JsonGenerator g, String field, Map<String, String> map)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
