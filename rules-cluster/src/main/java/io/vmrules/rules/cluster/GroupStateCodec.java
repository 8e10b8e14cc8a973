package io.vmrules.rules.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.json.JsonFields;
import io.vmrules.rules.notify.Notification;
import io.vmrules.rules.notify.SentAlert;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's alert state as the JSON document stored per group: for each rule (by key), its alerts
 * with every field the state machine carries. Times are epoch milliseconds; values are written as
 * text so NaN and infinities survive.
 */
final class GroupStateCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GroupStateCodec() {}

  /** A stored document: the rules' alerts and what was sent for them. */
  record Decoded(Map<String, AlertRuleState> rules, List<SentAlert> sent) {}

  static String encode(Map<String, AlertRuleState> rules) {
    return encode(rules, List.of());
  }

  static String encode(Map<String, AlertRuleState> rules, List<SentAlert> sent) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("sent");
          writeSent(g, sent);
          g.writeObjectFieldStart("rules");
          for (Map.Entry<String, AlertRuleState> r : new TreeMap<>(rules).entrySet()) {
            g.writeArrayFieldStart(r.getKey());
            for (Alert a : r.getValue().all()) {
              g.writeStartObject();
              JsonFields.labels(g, "labels", a.labels());
              JsonFields.strings(g, "annotations", a.annotations());
              g.writeStringField("state", a.state().name());
              g.writeStringField("value", Double.toString(a.value()));
              time(g, "activeAt", a.activeAt());
              time(g, "firedAt", a.firedAt());
              time(g, "resolvedAt", a.resolvedAt());
              time(g, "keepFiringSince", a.keepFiringSince());
              time(g, "lastEvaluatedAt", a.lastEvaluatedAt());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /** What was sent for a group's alerts, as a JSON array (the {@code sent} column). */
  static String encodeSent(List<SentAlert> sent) {
    return write(g -> writeSent(g, sent));
  }

  static List<SentAlert> decodeSent(String json) {
    try {
      return sent(JSON.readTree(json));
    } catch (java.io.IOException | RuntimeException e) {
      throw new ClusterStoreException("stored notifications cannot be read: " + e.getMessage(), e);
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * Streams a document: a group's state runs to thousands of alerts, and building a tree of it
   * first allocated about ten times the text's size at every write.
   */
  private static String write(Body body) {
    // Jackson's segmented writer (as writeValueAsString uses): the text grows in chunks that are
    // joined once, where a StringWriter's synchronized buffer copied itself at every doubling
    SegmentedStringWriter out = new SegmentedStringWriter(new BufferRecycler());
    try {
      try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
        body.write(g);
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new IllegalStateException(e); // an in-memory writer does not fail
    }
  }

  private static void writeSent(JsonGenerator g, List<SentAlert> sent) throws IOException {
    g.writeStartArray();
    for (SentAlert a : sent) {
      g.writeStartObject();
      g.writeStringField("rule", a.rule());
      JsonFields.labels(g, "labels", a.labels());
      time(g, "at", a.at());
      g.writeBooleanField("resolved", a.resolved());
      Notification x = a.notification();
      JsonFields.strings(g, "annotations", x.annotations());
      time(g, "startsAt", x.startsAt());
      time(g, "endsAt", x.endsAt());
      g.writeStringField("generatorURL", x.generatorURL());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void time(JsonGenerator g, String field, Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, t.toEpochMilli());
    }
  }

  static Map<String, AlertRuleState> decode(String json) {
    return decodeAll(json).rules();
  }

  static Decoded decodeAll(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<SentAlert> sent = sent(root.path("sent"));
      Map<String, AlertRuleState> out = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> rules = root.path("rules").fields();
      while (rules.hasNext()) {
        Map.Entry<String, JsonNode> r = rules.next();
        Map<Labels, Alert> alerts = new HashMap<>();
        for (JsonNode n : r.getValue()) {
          Labels labels = Labels.from(strings(n.path("labels")));
          alerts.put(
              labels,
              new Alert(
                  labels,
                  strings(n.path("annotations")),
                  AlertState.valueOf(n.path("state").asText()),
                  Double.parseDouble(n.path("value").asText("NaN")),
                  time(n, "activeAt"),
                  time(n, "firedAt"),
                  time(n, "resolvedAt"),
                  time(n, "keepFiringSince"),
                  time(n, "lastEvaluatedAt")));
        }
        out.put(r.getKey(), new AlertRuleState(alerts));
      }
      return new Decoded(out, sent);
    } catch (java.io.IOException | RuntimeException e) {
      throw new ClusterStoreException("stored group state cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<SentAlert> sent(JsonNode array) {
    List<SentAlert> sent = new ArrayList<>();
    for (JsonNode n : array) {
      Labels labels = Labels.from(strings(n.path("labels")));
      sent.add(
          new SentAlert(
              n.path("rule").asText(),
              labels,
              time(n, "at"),
              n.path("resolved").asBoolean(),
              new Notification(
                  labels,
                  strings(n.path("annotations")),
                  time(n, "startsAt"),
                  time(n, "endsAt"),
                  n.path("generatorURL").asText(""))));
    }
    return sent;
  }

  /** Label sets as a JSON array of objects. */
  static String encodeSeries(List<Labels> series) {
    return write(
        g -> {
          g.writeStartArray();
          for (Labels l : series) {
            g.writeStartObject();
            for (int i = 0; i < l.size(); i++) {
              g.writeStringField(l.name(i), l.value(i));
            }
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  static List<Labels> decodeSeries(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<Labels> out = new ArrayList<>(root.size());
      for (JsonNode n : root) {
        out.add(Labels.from(strings(n)));
      }
      return out;
    } catch (java.io.IOException | RuntimeException e) {
      throw new ClusterStoreException("stored group series cannot be read: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      out.put(f.getKey(), f.getValue().asText());
    }
    return out;
  }

  private static Instant time(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : null;
  }
}
