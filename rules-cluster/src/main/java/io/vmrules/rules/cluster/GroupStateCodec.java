package io.vmrules.rules.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.notify.Notification;
import io.vmrules.rules.notify.SentAlert;
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
    ObjectNode root = JSON.createObjectNode();
    putSent(root.putArray("sent"), sent);
    ObjectNode byRule = root.putObject("rules");
    for (Map.Entry<String, AlertRuleState> r : new TreeMap<>(rules).entrySet()) {
      ArrayNode alerts = byRule.putArray(r.getKey());
      for (Alert a : r.getValue().all()) {
        ObjectNode n = alerts.addObject();
        ObjectNode labels = n.putObject("labels");
        a.labels().forEach(labels::put);
        ObjectNode annotations = n.putObject("annotations");
        a.annotations().forEach(annotations::put);
        n.put("state", a.state().name());
        n.put("value", Double.toString(a.value()));
        time(n, "activeAt", a.activeAt());
        time(n, "firedAt", a.firedAt());
        time(n, "resolvedAt", a.resolvedAt());
        time(n, "keepFiringSince", a.keepFiringSince());
        time(n, "lastEvaluatedAt", a.lastEvaluatedAt());
      }
    }
    return root.toString();
  }

  /** What was sent for a group's alerts, as a JSON array (the {@code sent} column). */
  static String encodeSent(List<SentAlert> sent) {
    ArrayNode root = JSON.createArrayNode();
    putSent(root, sent);
    return root.toString();
  }

  static List<SentAlert> decodeSent(String json) {
    try {
      return sent(JSON.readTree(json));
    } catch (java.io.IOException | RuntimeException e) {
      throw new ClusterStoreException("stored notifications cannot be read: " + e.getMessage(), e);
    }
  }

  private static void putSent(ArrayNode sentNode, List<SentAlert> sent) {
    for (SentAlert a : sent) {
      ObjectNode n = sentNode.addObject();
      n.put("rule", a.rule());
      ObjectNode labels = n.putObject("labels");
      a.labels().forEach(labels::put);
      time(n, "at", a.at());
      n.put("resolved", a.resolved());
      Notification x = a.notification();
      ObjectNode annotations = n.putObject("annotations");
      x.annotations().forEach(annotations::put);
      time(n, "startsAt", x.startsAt());
      time(n, "endsAt", x.endsAt());
      n.put("generatorURL", x.generatorURL());
    }
  }

  private static void time(ObjectNode n, String field, Instant t) {
    if (t == null) {
      n.putNull(field);
    } else {
      n.put(field, t.toEpochMilli());
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
    ArrayNode root = JSON.createArrayNode();
    for (Labels l : series) {
      ObjectNode n = root.addObject();
      l.forEach(n::put);
    }
    return root.toString();
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
