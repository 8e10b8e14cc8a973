package io.vmrules.rules.notify;

import io.vmrules.rules.eval.Labels;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as Alertmanager receives it ({@code postableAlert} of API v2). A firing alert has
 * {@code endsAt} in the future (when Alertmanager should consider it resolved if we stop
 * re-sending); a resolved one has {@code endsAt} at its resolution time.
 */
public record Notification(
    Labels labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorURL) {
  public Notification {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    generatorURL = generatorURL == null ? "" : generatorURL;
  }

  /** Whether this notification tells Alertmanager the alert is over, as of {@code now}. */
  public boolean resolvedAt(Instant now) {
    return !endsAt.isAfter(now);
  }
}
