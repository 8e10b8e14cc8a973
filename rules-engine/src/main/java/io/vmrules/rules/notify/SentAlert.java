package io.vmrules.rules.notify;

import io.vmrules.rules.eval.Labels;
import java.time.Instant;
import java.util.Objects;

/**
 * What was last sent to Alertmanager for one alert, and when: the dispatcher's bookkeeping for the
 * resend delay and "resolved once", which the engines of a cluster share.
 *
 * @param rule the alerting rule's name
 * @param resolved whether the last notification resolved the alert
 */
public record SentAlert(
    String rule, Labels labels, Instant at, boolean resolved, Notification notification) {
  public SentAlert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(notification, "notification");
  }
}
