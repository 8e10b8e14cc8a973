package io.vmrules.rules.eval;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert of an alerting rule, immutable.
 *
 * @param labels the alert's identity: series labels minus {@code __name__}, plus external, group
 *     and rule labels, plus {@code alertname} and {@code alertgroup}
 * @param activeAt when it became pending (the evaluation time that first saw it)
 * @param firedAt when it became firing, or null
 * @param resolvedAt when it became inactive, or null
 * @param keepFiringSince when its series disappeared while {@code keep_firing_for} holds it, or
 *     null
 * @param lastEvaluatedAt the latest evaluation that saw or updated it
 */
public record Alert(
    Labels labels,
    Map<String, String> annotations,
    AlertState state,
    double value,
    Instant activeAt,
    Instant firedAt,
    Instant resolvedAt,
    Instant keepFiringSince,
    Instant lastEvaluatedAt) {
  public Alert {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activeAt, "activeAt");
    // shared with the alert it came from (and its notifications), never copied again
    annotations = SortedStringMap.copyOf(annotations);
  }

  public boolean isActive() {
    return state != AlertState.INACTIVE;
  }

  Alert fired(Instant at) {
    return new Alert(
        labels,
        annotations,
        AlertState.FIRING,
        value,
        activeAt,
        at,
        resolvedAt,
        keepFiringSince,
        lastEvaluatedAt);
  }

  Alert resolved(Instant at) {
    return new Alert(
        labels, annotations, AlertState.INACTIVE, value, activeAt, firedAt, at, null, at);
  }

  Alert keptFiringSince(Instant since, Instant at) {
    return new Alert(labels, annotations, state, value, activeAt, firedAt, resolvedAt, since, at);
  }

  Alert seen(double v, Map<String, String> ann, Instant at) {
    return new Alert(labels, ann, state, v, activeAt, firedAt, resolvedAt, null, at);
  }
}
