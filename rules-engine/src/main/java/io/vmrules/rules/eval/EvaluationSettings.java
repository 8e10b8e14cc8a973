package io.vmrules.rules.eval;

import io.vmrules.rules.model.GroupSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Engine-wide settings every group sees.
 *
 * @param externalLabels {@code --external.label}: added to every alert and recorded series
 * @param externalURL {@code --external.url}: {@code $externalURL} in templates
 * @param defaultInterval {@code --evaluationInterval}: for groups without {@code interval}
 * @param queryStep {@code --datasource.queryStep}: the {@code step} sent with every query, which
 *     VictoriaMetrics uses as the look-back window of instant queries; zero means the group's
 *     interval
 */
public record EvaluationSettings(
    Map<String, String> externalLabels,
    String externalURL,
    Duration defaultInterval,
    Duration queryStep) {
  /** vmalert's default {@code -datasource.queryStep}. */
  public static final Duration DEFAULT_QUERY_STEP = Duration.ofMinutes(5);

  /** How long a resolved alert stays visible (Prometheus' and vmalert's 15 minutes). */
  public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

  public EvaluationSettings {
    externalLabels = Collections.unmodifiableMap(new TreeMap<>(externalLabels));
    externalURL = externalURL == null ? "" : externalURL;
    Objects.requireNonNull(defaultInterval, "defaultInterval");
    if (defaultInterval.isNegative() || defaultInterval.isZero()) {
      throw new IllegalArgumentException(
          "evaluation interval must be positive: " + defaultInterval);
    }
    queryStep = queryStep == null ? Duration.ZERO : queryStep;
    if (queryStep.isNegative()) {
      throw new IllegalArgumentException("query step must not be negative: " + queryStep);
    }
  }

  /** Settings with the default query step. */
  public EvaluationSettings(
      Map<String, String> externalLabels, String externalURL, Duration defaultInterval) {
    this(externalLabels, externalURL, defaultInterval, DEFAULT_QUERY_STEP);
  }

  /** How often {@code group} runs: its own interval, else the default. */
  public Duration intervalOf(GroupSpec group) {
    return group.interval() != null ? group.interval() : defaultInterval;
  }

  /** The step to send for a group evaluated every {@code interval}. */
  public Duration stepFor(Duration interval) {
    return queryStep.isZero() ? interval : queryStep;
  }

  public static EvaluationSettings defaults() {
    return new EvaluationSettings(Map.of(), "", Duration.ofMinutes(1));
  }
}
