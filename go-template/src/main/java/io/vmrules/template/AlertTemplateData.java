package io.vmrules.template;

import io.vmrules.template.runtime.QueryFunction;
import io.vmrules.template.runtime.RenderContext;
import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoStruct;
import io.vmrules.template.value.GoTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an alert's annotation and label templates see, as Prometheus and vmalert build it: the dot
 * with {@code .Labels}, {@code .Value} …, and the variables {@code $labels}, {@code $value}, {@code
 * $externalLabels}, {@code $externalURL} plus vmalert's {@code $expr}, {@code $activeAt}, {@code
 * $for}, {@code $interval}, {@code $alertID}, {@code $groupID}, {@code $type}, {@code $isPartial}.
 *
 * @param interval the group's evaluation interval
 * @param evaluatedAt the evaluation's time: vmalert's {@code now} (null: the wall clock)
 */
public record AlertTemplateData(
    Map<String, String> labels,
    double value,
    Map<String, String> externalLabels,
    String externalUrl,
    String expr,
    Instant activeAt,
    Duration forDuration,
    Duration interval,
    Instant evaluatedAt,
    long alertId,
    long groupId,
    String type,
    boolean isPartial,
    QueryFunction queryFunction)
    implements RenderContext {

  public AlertTemplateData {
    labels = sorted(labels);
    externalLabels = sorted(externalLabels);
    externalUrl = externalUrl == null ? "" : externalUrl;
    expr = expr == null ? "" : expr;
    activeAt = activeAt == null ? Instant.EPOCH : activeAt;
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    interval = interval == null ? Duration.ZERO : interval;
    type = type == null ? "" : type;
    queryFunction = queryFunction == null ? QueryFunction.unavailable() : queryFunction;
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
  }

  public static AlertTemplateData of(Map<String, String> labels, double value) {
    return new AlertTemplateData(
        labels, value, Map.of(), "", "", null, null, null, null, 0, 0, "", false, null);
  }

  public AlertTemplateData withExternal(
      Map<String, String> newExternalLabels, String newExternalUrl) {
    return new AlertTemplateData(
        labels,
        value,
        newExternalLabels,
        newExternalUrl,
        expr,
        activeAt,
        forDuration,
        interval,
        evaluatedAt,
        alertId,
        groupId,
        type,
        isPartial,
        queryFunction);
  }

  public AlertTemplateData withQuery(QueryFunction newQueryFunction) {
    return new AlertTemplateData(
        labels,
        value,
        externalLabels,
        externalUrl,
        expr,
        activeAt,
        forDuration,
        interval,
        evaluatedAt,
        alertId,
        groupId,
        type,
        isPartial,
        newQueryFunction);
  }

  /** The vmalert-only facts about the alert. */
  public AlertTemplateData withAlert(
      String newExpr,
      Instant newActiveAt,
      Duration newFor,
      long newAlertId,
      long newGroupId,
      String newType,
      boolean partial) {
    return new AlertTemplateData(
        labels,
        value,
        externalLabels,
        externalUrl,
        newExpr,
        newActiveAt,
        newFor,
        interval,
        evaluatedAt,
        newAlertId,
        newGroupId,
        newType,
        partial,
        queryFunction);
  }

  @Override
  public Object dot() {
    return new Dot(this);
  }

  @Override
  public Map<String, Object> variables() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("$labels", labels);
    v.put("$externalLabels", externalLabels);
    v.put("$externalURL", externalUrl);
    v.put("$value", value);
    v.put("$expr", expr);
    v.put("$activeAt", GoTime.utc(activeAt));
    v.put("$for", new GoDuration(forDuration.toNanos()));
    v.put("$interval", new GoDuration(interval.toNanos()));
    v.put("$alertID", alertId);
    v.put("$groupID", groupId);
    v.put("$type", type);
    v.put("$isPartial", isPartial);
    return v;
  }

  @Override
  public String externalUrl() {
    return externalUrl;
  }

  @Override
  public Instant now() {
    return evaluatedAt != null ? evaluatedAt : Instant.now();
  }

  /** The struct Prometheus passes as dot (vmalert's fields included). */
  private record Dot(AlertTemplateData d) implements GoStruct {
    @Override
    public String goTypeName() {
      return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }";
    }

    @Override
    public Optional<Object> field(String name) {
      return Optional.ofNullable(
          switch (name) {
            case "Labels" -> d.labels;
            case "ExternalLabels" -> d.externalLabels;
            case "ExternalURL" -> d.externalUrl;
            case "Value" -> d.value;
            case "Expr" -> d.expr;
            case "ActiveAt" -> GoTime.utc(d.activeAt);
            case "For" -> new GoDuration(d.forDuration.toNanos());
            case "Interval" -> new GoDuration(d.interval.toNanos());
            case "AlertID" -> d.alertId;
            case "GroupID" -> d.groupId;
            case "Type" -> d.type;
            case "IsPartial" -> d.isPartial;
            default -> null;
          });
    }

    @Override
    public List<Object> printedFields() {
      return List.of(d.labels, d.externalLabels, d.externalUrl, d.value);
    }
  }
}
