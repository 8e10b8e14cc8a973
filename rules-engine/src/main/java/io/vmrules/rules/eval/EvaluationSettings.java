package io.vmrules.rules.eval;

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
 */
public record EvaluationSettings(
    Map<String, String> externalLabels, String externalURL, Duration defaultInterval) {
  /** How long a resolved alert stays visible (Prometheus' and vmalert's 15 minutes). */
  public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

  public EvaluationSettings {
    externalLabels = Collections.unmodifiableMap(new TreeMap<>(externalLabels));
    externalURL = externalURL == null ? "" : externalURL;
    Objects.requireNonNull(defaultInterval, "defaultInterval");
    if (defaultInterval.isNegative() || defaultInterval.isZero()) {
      throw new IllegalArgumentException("evaluation interval must be positive: " + defaultInterval);
    }
  }

  public static EvaluationSettings defaults() {
    return new EvaluationSettings(Map.of(), "", Duration.ofMinutes(1));
  }
}
