package io.vmrules.rules.cluster;

import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.schedule.SharedGroupState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SharedGroupState} on the {@link GroupStateStore}: an evaluation loads the group's row and
 * remembers its version; storing names that version, so an engine that lost the group while it
 * evaluated (another engine wrote since) has its result refused. Rules are keyed by position and
 * name: engines with the same rule files agree on them.
 */
final class ClusterSharedState implements SharedGroupState {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSharedState.class);

  private final GroupStateStore store;
  private final String instanceId;
  private final Map<String, Long> readVersions = new ConcurrentHashMap<>();

  ClusterSharedState(GroupStateStore store, String instanceId) {
    this.store = store;
    this.instanceId = instanceId;
  }

  static String ruleKey(int index, RuleSpec rule) {
    return index + ":" + rule.name();
  }

  @Override
  public Optional<Shared> load(GroupEvaluator group) {
    String key = group.spec().key();
    Optional<GroupStateStore.Stored> stored = store.load(key);
    readVersions.put(key, stored.map(GroupStateStore.Stored::version).orElse(0L));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    List<RuleSpec> rules = group.spec().rules();
    List<AlertRuleState> alerts = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      alerts.add(
          stored.get().rules().getOrDefault(ruleKey(i, rules.get(i)), AlertRuleState.empty()));
    }
    return Optional.of(new Shared(stored.get().lastSlot(), alerts));
  }

  @Override
  public boolean store(GroupEvaluator group, Instant slot) {
    String key = group.spec().key();
    Map<String, AlertRuleState> rules = new HashMap<>();
    List<RuleSnapshot> snapshot = group.snapshot();
    for (int i = 0; i < snapshot.size(); i++) {
      RuleSnapshot r = snapshot.get(i);
      if (r.spec() instanceof AlertingRuleSpec) {
        rules.put(ruleKey(i, r.spec()), r.alerts());
      }
    }
    Optional<Long> version =
        store.save(key, readVersions.getOrDefault(key, 0L), slot, instanceId, rules);
    if (version.isEmpty()) {
      LOG.warn(
          "group {} at {}: another engine stored a newer state while this one evaluated; this"
              + " result is dropped",
          group.spec().name(),
          slot);
      return false;
    }
    readVersions.put(key, version.get());
    return true;
  }
}
