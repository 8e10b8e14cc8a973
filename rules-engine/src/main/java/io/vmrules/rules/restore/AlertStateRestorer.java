package io.vmrules.rules.restore;

import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.AlertingRule;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores pending and firing alerts at start-up from the {@code ALERTS_FOR_STATE} series the
 * engine wrote before it stopped, read through {@code --remoteRead.url} (a Prometheus query API).
 *
 * <p>For each alerting rule it asks {@code last_over_time(ALERTS_FOR_STATE{alertname="…",
 * alertgroup="…"}[lookback])} at the start time; every series is one alert, its labels (minus
 * {@code __name__}) the alert's labels, its value the alert's {@code activeAt} in Unix seconds. An
 * alert active for at least the rule's {@code for} comes back <em>firing</em>, with {@code firedAt
 * = activeAt + for}; the others come back pending with their {@code activeAt}, so an alert pending
 * for 4 of its 5 minutes fires 1 minute after the restart.
 *
 * <p>Differences from Prometheus and vmalert, which restore every alert as pending and let the next
 * evaluation fire it: restoring as firing keeps {@code startsAt} stable across restarts, and an
 * alert whose condition ended while the engine was down is resolved (and the resolution sent) by
 * the first evaluation instead of silently vanishing and waiting for Alertmanager's {@code endsAt}.
 * The price: an alert that resolved within {@code lookback} before the restart is sent resolved
 * once more, which Alertmanager ignores.
 *
 * <p>A failed query leaves that rule without restored alerts and is logged; start-up goes on.
 */
public final class AlertStateRestorer {
  private static final Logger LOG = LoggerFactory.getLogger(AlertStateRestorer.class);

  private final Querier querier;
  private final Duration lookback;

  /**
   * @param querier the {@code --remoteRead.url} datasource
   * @param lookback how far back to look for the series ({@code --remoteRead.lookback}, 1h by
   *     default as in vmalert)
   */
  public AlertStateRestorer(Querier querier, Duration lookback) {
    this.querier = Objects.requireNonNull(querier, "querier");
    this.lookback = Objects.requireNonNull(lookback, "lookback");
    if (lookback.toSeconds() < 1) {
      throw new IllegalArgumentException("lookback must be at least 1s: " + lookback);
    }
  }

  /** The outcome: alerts per rule, and how many rules could not be restored. */
  public record Restored(
      Map<String, Map<String, AlertRuleState>> byGroup, int failedRules, int alerts) {
    public Restored {
      byGroup = Map.copyOf(byGroup);
    }

    /** The restored alerts of a group's rules, for {@code GroupEvaluator.Builder.initialAlerts}. */
    public AlertRuleState alertsOf(GroupSpec group, AlertingRuleSpec rule) {
      Map<String, AlertRuleState> rules = byGroup.get(group.key());
      AlertRuleState state = rules == null ? null : rules.get(rule.name());
      return state == null ? AlertRuleState.empty() : state;
    }
  }

  /** Restores the alerts of every alerting rule in {@code groups}, as of {@code now}. */
  public Restored restore(List<GroupSpec> groups, Instant now) {
    Map<String, Map<String, AlertRuleState>> byGroup = new HashMap<>();
    int failed = 0;
    int alerts = 0;
    for (GroupSpec group : groups) {
      for (RuleSpec r : group.rules()) {
        if (!(r instanceof AlertingRuleSpec rule)) {
          continue;
        }
        try {
          AlertRuleState state = restore(group, rule, now);
          if (!state.alerts().isEmpty()) {
            byGroup.computeIfAbsent(group.key(), k -> new HashMap<>()).put(rule.name(), state);
            alerts += state.alerts().size();
          }
        } catch (RuntimeException e) {
          failed++;
          LOG.warn(
              "cannot restore the alerts of rule {} in group {}: {}",
              rule.name(),
              group.name(),
              e.getMessage());
        }
      }
    }
    if (alerts > 0 || failed > 0) {
      LOG.info(
          "restored {} alerts from {}; {} rules could not be restored",
          alerts,
          AlertingRule.ALERTS_FOR_STATE,
          failed);
    }
    return new Restored(byGroup, failed, alerts);
  }

  AlertRuleState restore(GroupSpec group, AlertingRuleSpec rule, Instant now) {
    String expr = query(group, rule);
    List<Sample> samples = querier.query(QueryRequest.of(expr, now, lookback)).asSamples();
    Map<Labels, Alert> alerts = new HashMap<>();
    for (Sample s : samples) {
      if (!Double.isFinite(s.value()) || s.value() <= 0) {
        continue;
      }
      Labels labels = s.labels().without(Labels.METRIC_NAME);
      long millis = Math.round(s.value() * 1000);
      Instant activeAt = Instant.ofEpochMilli(millis);
      if (activeAt.isAfter(now)) {
        continue;
      }
      Instant firesAt = activeAt.plus(rule.forDuration());
      Alert alert =
          firesAt.isAfter(now)
              ? new Alert(
                  labels, Map.of(), AlertState.PENDING, Double.NaN, activeAt, null, null, null, now)
              : new Alert(
                  labels,
                  Map.of(),
                  AlertState.FIRING,
                  Double.NaN,
                  activeAt,
                  firesAt,
                  null,
                  null,
                  now);
      alerts.put(labels, alert);
    }
    return alerts.isEmpty() ? AlertRuleState.empty() : new AlertRuleState(alerts);
  }

  /** {@code last_over_time(ALERTS_FOR_STATE{alertname="…",alertgroup="…"}[<lookback>s])}. */
  String query(GroupSpec group, AlertingRuleSpec rule) {
    return "last_over_time("
        + AlertingRule.ALERTS_FOR_STATE
        + "{"
        + AlertingRule.ALERT_NAME
        + "="
        + quote(rule.name())
        + ","
        + AlertingRule.ALERT_GROUP
        + "="
        + quote(group.name())
        + "}["
        + lookback.toSeconds()
        + "s])";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
