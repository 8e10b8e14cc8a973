package io.vmrules.rules.notify;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.SortedStringMap;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as Alertmanager receives it ({@code postableAlert} of API v2). A firing alert has
 * {@code endsAt} in the future (when Alertmanager should consider it resolved if we stop
 * re-sending); a resolved one has {@code endsAt} at its resolution time.
 *
 * @param headers HTTP headers to send it with: its group's {@code notifier_headers}
 */
public record Notification(
    Labels labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorURL,
    Map<String, String> headers) {
  public Notification {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    // the alert's own map when it comes from one: no copy per notification
    annotations = SortedStringMap.copyOf(annotations);
    generatorURL = generatorURL == null ? "" : generatorURL;
    headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  /** A notification sent without extra headers. */
  public Notification(
      Labels labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorURL) {
    this(labels, annotations, startsAt, endsAt, generatorURL, Map.of());
  }

  /** This notification, to be sent with {@code headers}. */
  public Notification withHeaders(Map<String, String> headers) {
    return headers.equals(this.headers)
        ? this
        : new Notification(labels, annotations, startsAt, endsAt, generatorURL, headers);
  }

  /** Whether this notification tells Alertmanager the alert is over, as of {@code now}. */
  public boolean resolvedAt(Instant now) {
    return !endsAt.isAfter(now);
  }
}
