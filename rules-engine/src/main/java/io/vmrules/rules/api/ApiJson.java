package io.vmrules.rules.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.EvaluationRecord;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.json.JsonFields;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.template.gofmt.GoFloat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON answers of the rules API, in the shapes of Prometheus' HTTP API ({@code
 * {"status":"success","data":…}}) so Grafana and other Prometheus tools read them. Keys come in
 * Prometheus' order; label and annotation maps are sorted.
 */
public final class ApiJson {
  private static final JsonFactory JSON = new JsonFactory();

  /** What Go prints for a zero {@code time.Time}: the value of a never-evaluated rule. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private ApiJson() {}

  /** {@code GET /api/v1/rules}. */
  public static String rules(List<GroupSnapshot> groups, RuleFilter filter) {
    return write(
        g -> {
          g.writeStringField("status", "success");
          g.writeObjectFieldStart("data");
          g.writeArrayFieldStart("groups");
          for (GroupSnapshot group : groups) {
            if (!filter.matches(group.spec())) {
              continue;
            }
            List<RuleSnapshot> rules =
                group.rules().stream().filter(r -> filter.matches(r.spec())).toList();
            if (rules.isEmpty() && filter.narrows()) {
              continue;
            }
            writeGroup(g, group, rules, filter.excludeAlerts());
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** {@code GET /api/v1/alerts}: every pending and firing alert. */
  public static String alerts(List<GroupSnapshot> groups) {
    return write(
        g -> {
          g.writeStringField("status", "success");
          g.writeObjectFieldStart("data");
          g.writeArrayFieldStart("alerts");
          for (GroupSnapshot group : groups) {
            for (RuleSnapshot rule : group.rules()) {
              for (Alert a : rule.alerts().all()) {
                if (a.isActive()) {
                  writeAlert(g, a);
                }
              }
            }
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * {@code GET /api/v1/rule?group=…&rule=…}: one rule as in {@code /api/v1/rules}, with its group's
   * name, file and interval, and the latest evaluations, newest first ({@code history}).
   */
  public static String rule(GroupSnapshot group, RuleSnapshot rule) {
    return write(
        g -> {
          g.writeStringField("status", "success");
          g.writeFieldName("data");
          g.writeStartObject();
          g.writeStringField("group", group.spec().name());
          g.writeStringField("file", group.spec().file());
          g.writeNumberField("interval", seconds(group.interval()));
          writeRuleFields(g, rule, false);
          g.writeArrayFieldStart("history");
          for (EvaluationRecord r : rule.history().newestFirst()) {
            g.writeStartObject();
            g.writeStringField("time", time(r.slot()));
            g.writeStringField("queryTime", time(r.queryTime()));
            g.writeNumberField("duration", seconds(r.duration()));
            g.writeNumberField("samples", r.samples());
            g.writeNumberField("pending", r.pending());
            g.writeNumberField("firing", r.firing());
            if (r.error() != null) {
              g.writeStringField("error", r.error());
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** A Prometheus API error: {@code {"status":"error","errorType":…,"error":…}}. */
  public static String error(String type, String message) {
    return write(
        g -> {
          g.writeStringField("status", "error");
          g.writeStringField("errorType", type);
          g.writeStringField("error", message);
        });
  }

  private static void writeGroup(
      JsonGenerator g, GroupSnapshot group, List<RuleSnapshot> rules, boolean excludeAlerts)
      throws IOException {
    GroupSpec spec = group.spec();
    g.writeStartObject();
    g.writeStringField("name", spec.name());
    g.writeStringField("file", spec.file());
    g.writeArrayFieldStart("rules");
    for (RuleSnapshot rule : rules) {
      writeRule(g, rule, excludeAlerts);
    }
    g.writeEndArray();
    g.writeNumberField("interval", seconds(group.interval()));
    g.writeNumberField("limit", spec.limit());
    g.writeNumberField("evaluationTime", seconds(group.evaluationDuration()));
    g.writeStringField("lastEvaluation", time(group.lastEvaluation()));
    if (group.lastEvaluator() != null) {
      // cluster mode: the engine whose evaluation this state is
      g.writeStringField("lastEvaluator", group.lastEvaluator());
    }
    g.writeEndObject();
  }

  private static void writeRule(JsonGenerator g, RuleSnapshot rule, boolean excludeAlerts)
      throws IOException {
    g.writeStartObject();
    writeRuleFields(g, rule, excludeAlerts);
    g.writeEndObject();
  }

  private static void writeRuleFields(JsonGenerator g, RuleSnapshot rule, boolean excludeAlerts)
      throws IOException {
    RuleSpec spec = rule.spec();
    if (spec instanceof AlertingRuleSpec a) {
      g.writeStringField("state", ruleState(rule));
      g.writeStringField("name", a.name());
      g.writeStringField("query", a.expr());
      g.writeNumberField("duration", seconds(a.forDuration()));
      g.writeNumberField("keepFiringFor", seconds(a.keepFiringFor()));
      JsonFields.strings(g, "labels", a.labels());
      JsonFields.strings(g, "annotations", a.annotations());
      if (!excludeAlerts) {
        g.writeArrayFieldStart("alerts");
        for (Alert alert : rule.alerts().all()) {
          if (alert.isActive()) {
            writeAlert(g, alert);
          }
        }
        g.writeEndArray();
      }
    } else {
      g.writeStringField("name", spec.name());
      g.writeStringField("query", spec.expr());
      if (!spec.labels().isEmpty()) {
        JsonFields.strings(g, "labels", spec.labels());
      }
    }
    g.writeStringField(
        "health", rule.lastEvaluation() == null ? "unknown" : rule.healthy() ? "ok" : "err");
    if (rule.lastError() != null) {
      g.writeStringField("lastError", rule.lastError());
    }
    g.writeNumberField("evaluationTime", seconds(rule.evaluationDuration()));
    g.writeStringField("lastEvaluation", time(rule.lastEvaluation()));
    g.writeStringField("type", spec instanceof AlertingRuleSpec ? "alerting" : "recording");
  }

  /** The most severe state of the rule's alerts, as Prometheus reports a rule's state. */
  static String ruleState(RuleSnapshot rule) {
    AlertState worst = AlertState.INACTIVE;
    for (Alert a : rule.alerts().all()) {
      if (a.state() == AlertState.FIRING) {
        return AlertState.FIRING.label();
      }
      if (a.state() == AlertState.PENDING) {
        worst = AlertState.PENDING;
      }
    }
    return worst.label();
  }

  private static void writeAlert(JsonGenerator g, Alert a) throws IOException {
    g.writeStartObject();
    JsonFields.labels(g, "labels", a.labels());
    JsonFields.strings(g, "annotations", a.annotations());
    g.writeStringField("state", a.state().label());
    g.writeStringField("activeAt", time(a.activeAt()));
    if (a.keepFiringSince() != null) {
      g.writeStringField("keepFiringSince", time(a.keepFiringSince()));
    }
    g.writeStringField("value", goFloat(a.value()));
    g.writeEndObject();
  }

  static double seconds(Duration d) {
    return d == null ? 0 : d.toNanos() / 1e9;
  }

  static String time(Instant t) {
    return t == null ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /** A float as Go's {@code strconv.FormatFloat(v, 'e', -1, 64)} prints it: {@code 1e+00}. */
  static String goFloat(double v) {
    return GoFloat.format(v, 'e', -1);
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
