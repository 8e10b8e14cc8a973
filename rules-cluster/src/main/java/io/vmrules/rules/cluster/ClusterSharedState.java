package io.vmrules.rules.cluster;

import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.notify.NotificationLedger;
import io.vmrules.rules.reload.SeriesLedger;
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
  // when this engine first saw each group definition: when it loaded those rule files
  // each evaluator's definition hash and when this engine first ran it (loaded those rule files):
  // an evaluator lives as long as its definition (a reload that changes a group replaces it)
  private final Map<GroupEvaluator, Definition> definitions =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private final java.time.InstantSource clock;
  private volatile NotificationLedger ledger;
  private volatile SeriesLedger series;
  // the version whose alerts each evaluator holds (it stored it, or restored it)
  private final Map<GroupEvaluator, Long> held =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  ClusterSharedState(GroupStateStore store, String instanceId) {
    this(store, instanceId, java.time.InstantSource.system());
  }

  ClusterSharedState(GroupStateStore store, String instanceId, java.time.InstantSource clock) {
    this.store = store;
    this.instanceId = instanceId;
    this.clock = clock;
  }

  /** The dispatcher whose bookkeeping travels with the group state. */
  void attach(NotificationLedger ledger) {
    this.ledger = ledger;
  }

  /** The staleness marker whose record of each group's last series travels with its state. */
  void attach(SeriesLedger series) {
    this.series = series;
  }

  private record Definition(String hash, Instant loadedAt) {}

  private Definition definition(GroupEvaluator group) {
    return definitions.computeIfAbsent(
        group, g -> new Definition(groupHash(g.spec()), clock.instant()));
  }

  /**
   * A hash of the group's definition, positions in its file aside (comments moving lines change
   * nothing): the same notion of "the same group" a reload uses.
   */
  static String groupHash(GroupSpec g) {
    String definition = g.withoutPositions().toString();
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(definition.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ruleKey(int index, RuleSpec rule) {
    return index + ":" + rule.name();
  }

  @Override
  public Optional<Shared> load(GroupEvaluator group) {
    String key = group.spec().key();
    Optional<GroupStateStore.Stored> stored = store.load(key, held.getOrDefault(group, -1L));
    readVersions.put(key, stored.map(GroupStateStore.Stored::version).orElse(0L));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    GroupStateStore.Stored row = stored.get();
    Definition mine = definition(group);
    boolean newer =
        row.groupHash() != null
            && !row.groupHash().equals(mine.hash())
            && row.rulesLoadedAt() != null
            && row.rulesLoadedAt().isAfter(mine.loadedAt());
    if (newer) {
      return Optional.of(new Shared(row.lastSlot(), List.of(), true, row.engine()));
    }
    if (row.rules() == null) {
      return Optional.empty(); // this evaluator holds that version's alerts already
    }
    List<RuleSpec> rules = group.spec().rules();
    List<AlertRuleState> alerts = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      alerts.add(row.rules().getOrDefault(ruleKey(i, rules.get(i)), AlertRuleState.empty()));
    }
    held.put(group, row.version());
    NotificationLedger l = ledger;
    if (l != null && row.sent() != null) {
      l.restore(key, row.sent());
    }
    SeriesLedger written = series;
    if (written != null && row.series() != null) {
      written.restore(key, row.series());
    }
    return Optional.of(new Shared(row.lastSlot(), alerts, false, row.engine()));
  }

  @Override
  public boolean store(GroupEvaluator group, GroupEvaluation evaluation) {
    String key = group.spec().key();
    Instant slot = evaluation.slot();
    Map<String, AlertRuleState> rules = new HashMap<>();
    List<RuleSnapshot> snapshot = group.snapshot();
    for (int i = 0; i < snapshot.size(); i++) {
      RuleSnapshot r = snapshot.get(i);
      if (r.spec() instanceof AlertingRuleSpec) {
        rules.put(ruleKey(i, r.spec()), r.alerts());
      }
    }
    Definition mine = definition(group);
    Optional<Long> version =
        store.save(
            key,
            readVersions.getOrDefault(key, 0L),
            slot,
            instanceId,
            rules,
            mine.hash(),
            mine.loadedAt(),
            ledger == null ? List.of() : ledger.sent(key),
            series == null ? null : series.changed(key).orElse(null));
    if (version.isEmpty()) {
      LOG.warn(
          "group {} at {}: another engine stored a newer state while this one evaluated; this"
              + " result is dropped",
          group.spec().name(),
          slot);
      return false;
    }
    readVersions.put(key, version.get());
    held.put(group, version.get());
    return true;
  }

  @Override
  public boolean claimRemoved(String groupKey, Instant filesLoadedAt) {
    GroupStateStore.Stored row = store.load(groupKey).orElse(null);
    if (row == null
        || row.rulesLoadedAt() == null
        || !row.rulesLoadedAt().isBefore(filesLoadedAt)
        || !store.delete(groupKey, row.version())) {
      return false;
    }
    readVersions.remove(groupKey);
    NotificationLedger l = ledger;
    if (l != null && row.sent() != null) {
      l.restore(groupKey, row.sent());
    }
    SeriesLedger written = series;
    if (written != null && row.series() != null) {
      written.restore(groupKey, row.series());
    }
    return true;
  }
}
