package io.vmrules.rules.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What an annotation or label template sees: {@code $labels}, {@code $value}, {@code
 * $externalLabels}, {@code $externalURL}, the rule's expression ({@code $expr} in vmalert), and
 * what the renderer needs besides: the evaluation time (for the {@code query} function), the
 * alert's {@code activeAt} and the rule's {@code for} (vmalert's {@code $activeAt}, {@code $for}),
 * and the group and rule the template belongs to (for error messages).
 *
 * @param activeAt null when not known yet (label templates are rendered before the alert exists)
 * @param interval the group's evaluation interval (vmalert's {@code $interval})
 */
public record TemplateData(
    Labels labels,
    double value,
    Map<String, String> externalLabels,
    String externalURL,
    String expr,
    Instant time,
    Instant activeAt,
    Duration forDuration,
    Duration interval,
    String group,
    String rule) {
  public TemplateData {
    Objects.requireNonNull(labels, "labels");
    externalLabels = Map.copyOf(externalLabels);
    externalURL = externalURL == null ? "" : externalURL;
    expr = expr == null ? "" : expr;
    Objects.requireNonNull(time, "time");
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    interval = interval == null ? Duration.ZERO : interval;
    group = group == null ? "" : group;
    rule = rule == null ? "" : rule;
  }
}
