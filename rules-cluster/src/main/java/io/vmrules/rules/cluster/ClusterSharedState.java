package io.vmrules.rules.cluster;

import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.notify.NotificationLedger;
import io.vmrules.rules.notify.SentAlert;
import io.vmrules.rules.reload.SeriesLedger;
import io.vmrules.rules.schedule.SharedGroupState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
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
  private final Predicate<String> alive;
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

  /**
   * How long the alerts' values and annotations in the store may lag: they are rewritten when a
   * state or time changes, and at least this often. Values and annotations decide nothing at the
   * next evaluation (it computes them anew), so a group that moves continues exactly; only other
   * engines' API shows them this old at most. Rewriting them at every evaluation was most of
   * cluster mode's cost (the whole document encoded, parsed as jsonb and stored again).
   */
  static final java.time.Duration FULL_STATE_EVERY = java.time.Duration.ofMinutes(1);

  /** The fingerprint of the alerts this evaluator stored last in full, and when. */
  private record Written(long alerts, Instant at) {}

  private final Map<GroupEvaluator, Written> written =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  ClusterSharedState(GroupStateStore store, String instanceId, Predicate<String> alive) {
    this(store, instanceId, alive, java.time.InstantSource.system());
  }

  /**
   * @param alive whether an engine of the cluster is alive (by instance id)
   */
  ClusterSharedState(
      GroupStateStore store,
      String instanceId,
      Predicate<String> alive,
      java.time.InstantSource clock) {
    this.store = store;
    this.instanceId = instanceId;
    this.alive = alive;
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
    SeriesLedger seriesLedger = series;
    Long knownSeries = null;
    if (seriesLedger != null) {
      java.util.OptionalLong print = seriesLedger.fingerprint(key);
      knownSeries = print.isPresent() ? print.getAsLong() : null;
    }
    Optional<GroupStateStore.Stored> stored =
        store.load(key, held.getOrDefault(group, -1L), knownSeries);
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
    written.remove(group); // the row holds another engine's document: the next store rewrites it
    NotificationLedger l = ledger;
    if (l != null && row.sent() != null) {
      l.restore(key, row.sent());
    }
    if (seriesLedger != null && row.series() != null) {
      seriesLedger.restore(key, row.series());
    }
    return Optional.of(new Shared(row.lastSlot(), alerts, false, row.engine()));
  }

  @Override
  public boolean store(GroupEvaluator group, GroupEvaluation evaluation) {
    String key = group.spec().key();
    Instant slot = evaluation.slot();
    long readVersion = readVersions.getOrDefault(key, 0L);
    Map<String, AlertRuleState> rules = new HashMap<>();
    List<RuleSnapshot> snapshot = group.snapshot();
    long alertsPrint = 0;
    for (int i = 0; i < snapshot.size(); i++) {
      RuleSnapshot r = snapshot.get(i);
      if (r.spec() instanceof AlertingRuleSpec) {
        rules.put(ruleKey(i, r.spec()), r.alerts());
        alertsPrint += fingerprint(i, r.alerts());
      }
    }
    NotificationLedger l = ledger;
    // taken at every store, so that what changed before a full write is not written again after
    Optional<List<SentAlert>> sentChanged = l == null ? Optional.empty() : l.changed(key);
    Written last = written.get(group);
    Instant now = clock.instant();
    // this evaluator's own document is in the row (a restore forgets it): skip what did not change
    boolean mine = last != null && readVersion != 0 && readVersion == held.getOrDefault(group, -1L);
    boolean alertsSame =
        mine && last.alerts() == alertsPrint && now.isBefore(last.at().plus(FULL_STATE_EVERY));
    List<SentAlert> sent =
        mine
            ? sentChanged.orElse(null)
            : l == null ? List.of() : sentChanged.orElseGet(() -> l.sent(key));
    Definition definition = definition(group);
    SeriesLedger seriesLedger = series;
    Optional<List<Labels>> seriesChanged =
        seriesLedger == null ? Optional.empty() : seriesLedger.changed(key);
    Optional<Long> version;
    try {
      version =
          store.save(
              key,
              readVersion,
              slot,
              instanceId,
              alertsSame ? null : rules,
              definition.hash(),
              definition.loadedAt(),
              sent,
              seriesChanged.orElse(null));
    } catch (RuntimeException e) {
      written.remove(group); // what changed meanwhile was taken: the next store writes it all
      if (seriesChanged.isPresent()) {
        seriesLedger.changedAgain(key);
      }
      throw e;
    }
    if (version.isEmpty()) {
      LOG.warn(
          "group {} at {}: another engine stored a newer state while this one evaluated; this"
              + " result is dropped",
          group.spec().name(),
          slot);
      written.remove(group);
      return false;
    }
    readVersions.put(key, version.get());
    held.put(group, version.get());
    written.put(group, new Written(alertsPrint, alertsSame ? last.at() : now));
    return true;
  }

  /**
   * What decides the next evaluations of a rule's alerts: labels, state and times (not values and
   * annotations, which each evaluation computes anew). A sum, so the map's order does not matter.
   */
  static long fingerprint(int rule, AlertRuleState alerts) {
    long sum = alerts.all().size();
    for (Alert a : alerts.all()) {
      long h = mix(rule * 31L + a.labels().hashCode());
      h = mix(h ^ a.state().ordinal());
      h = mix(h ^ millis(a.activeAt()));
      h = mix(h ^ millis(a.firedAt()));
      h = mix(h ^ millis(a.resolvedAt()));
      h = mix(h ^ millis(a.keepFiringSince()));
      sum += h;
    }
    return sum;
  }

  private static long millis(Instant t) {
    return t == null ? Long.MIN_VALUE : t.toEpochMilli();
  }

  /** SplitMix64's finaliser: spreads every input bit over the result. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Whether another engine that is still alive evaluated the group last: its files have the group
   * (or had it at its last evaluation), so it is not removed everywhere yet. Engines whose files
   * lie at different paths see each other's groups under other keys: without this they would
   * resolve each other's alerts and delete each other's jobs.
   */
  private boolean evaluatedByAnotherLiveEngine(GroupStateStore.Stored row) {
    return row.engine() != null && !row.engine().equals(instanceId) && alive.test(row.engine());
  }

  @Override
  public boolean claimRemoved(String groupKey, Instant filesLoadedAt) {
    GroupStateStore.Stored row = store.load(groupKey).orElse(null);
    if (row == null
        || row.rulesLoadedAt() == null
        || !row.rulesLoadedAt().isBefore(filesLoadedAt)
        || evaluatedByAnotherLiveEngine(row)
        || !store.delete(groupKey, row.version())) {
      return false;
    }
    readVersions.remove(groupKey);
    NotificationLedger l = ledger;
    if (l != null && row.sent() != null) {
      l.restore(groupKey, row.sent());
    }
    SeriesLedger seriesLedger = series;
    if (seriesLedger != null && row.series() != null) {
      seriesLedger.restore(groupKey, row.series());
    }
    return true;
  }
}
