package io.vmrules.rules.eval;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The alerts of one alerting rule, keyed and sorted by their labels; immutable. */
public record AlertRuleState(Map<Labels, Alert> alerts) {
  private static final AlertRuleState EMPTY = new AlertRuleState(Map.of());

  public AlertRuleState {
    alerts = Collections.unmodifiableMap(new TreeMap<>(alerts));
  }

  public static AlertRuleState empty() {
    return EMPTY;
  }

  public Collection<Alert> all() {
    return alerts.values();
  }

  public Alert get(Labels labels) {
    return alerts.get(labels);
  }

  public Map<AlertState, Integer> countByState() {
    Map<AlertState, Integer> counts = new EnumMap<>(AlertState.class);
    for (AlertState s : AlertState.values()) {
      counts.put(s, 0);
    }
    for (Alert a : alerts.values()) {
      counts.merge(a.state(), 1, Integer::sum);
    }
    return counts;
  }
}
