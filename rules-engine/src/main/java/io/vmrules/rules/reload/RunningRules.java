package io.vmrules.rules.reload;

import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups being evaluated, and hot reload ({@code POST /-/reload}, SIGHUP).
 *
 * <p>A reload re-reads and validates every rule file. On any error nothing changes: the running
 * rules go on, the errors are answered and the failure is counted. Otherwise the groups are
 * swapped: a group defined exactly as before keeps its evaluator (same state, same slots); a new or
 * changed group gets a new evaluator, whose alerting rules start with the alerts of the rule with
 * the same identity (group file and name, rule name, labels, expr) in the old group; a group that
 * is gone is unscheduled and handed to the {@link RemovedGroups} listener (to resolve its alerts
 * and mark its series stale).
 *
 * <p>Reloads are serialized. Known gap: an evaluation of a changed group that is running while the
 * reload swaps it finishes on the old evaluator, and its result is not carried over.
 */
public final class RunningRules {
  private static final Logger LOG = LoggerFactory.getLogger(RunningRules.class);

  /** Builds an evaluator for a group, its alerting rules starting with the given alerts. */
  @FunctionalInterface
  public interface GroupFactory {
    GroupEvaluator create(GroupSpec spec, Function<AlertingRuleSpec, AlertRuleState> initialAlerts);
  }

  /** Where evaluators run: the scheduler. Scheduling a key again replaces the group. */
  public interface Schedule {
    void schedule(GroupEvaluator evaluator);

    void unschedule(String groupKey);
  }

  /** Told of groups a reload removed, after they were unscheduled. */
  @FunctionalInterface
  public interface RemovedGroups {
    void removed(GroupSnapshot last, Instant at);
  }

  /** What a reload did, or why it did nothing. */
  public record Outcome(
      boolean success, String message, int added, int changed, int removed, int kept) {}

  private final RuleFiles files;
  private final GroupFactory factory;
  private final Schedule schedule;
  private final RemovedGroups removedGroups;
  private final EngineMetrics metrics;
  private final InstantSource clock;
  private volatile Map<String, GroupEvaluator> groups = Map.of();

  public RunningRules(
      RuleFiles files,
      GroupFactory factory,
      Schedule schedule,
      RemovedGroups removedGroups,
      EngineMetrics metrics,
      InstantSource clock) {
    this.files = Objects.requireNonNull(files, "files");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.removedGroups = Objects.requireNonNull(removedGroups, "removedGroups");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts with groups already loaded and validated (start-up refuses invalid files before this),
   * each with the alerts {@code initialAlerts} gives (restored from {@code ALERTS_FOR_STATE}).
   */
  public synchronized void start(
      List<GroupSpec> specs,
      Function<GroupSpec, Function<AlertingRuleSpec, AlertRuleState>> initialAlerts) {
    Map<String, GroupEvaluator> next = new LinkedHashMap<>();
    for (GroupSpec spec : specs) {
      GroupEvaluator ev = factory.create(spec, initialAlerts.apply(spec));
      next.put(spec.key(), ev);
    }
    groups = next;
    next.values().forEach(schedule::schedule);
    metrics.configReloaded(true, clock.instant());
  }

  /** The groups' latest snapshots, in rule-file order (the API's supplier). */
  public List<GroupSnapshot> snapshots() {
    List<GroupSnapshot> out = new ArrayList<>();
    for (GroupEvaluator ev : groups.values()) {
      out.add(ev.groupSnapshot());
    }
    return out;
  }

  public Map<String, GroupEvaluator> groups() {
    return groups;
  }

  /** Re-reads the rule files and swaps the groups; keeps the running ones on any error. */
  public synchronized Outcome reload() {
    Instant now = clock.instant();
    RuleFiles.Loaded loaded = files.load();
    if (loaded instanceof RuleFiles.Loaded.Invalid invalid) {
      metrics.configReloaded(false, now);
      LOG.error(
          "reload failed, keeping the running rules ({} errors):\n{}",
          invalid.errors(),
          invalid.diagnostics());
      return new Outcome(false, invalid.diagnostics(), 0, 0, 0, 0);
    }
    List<GroupSpec> specs = ((RuleFiles.Loaded.Valid) loaded).groups();
    Map<String, GroupEvaluator> old = groups;
    Map<String, GroupEvaluator> next = new LinkedHashMap<>();
    List<GroupEvaluator> toSchedule = new ArrayList<>();
    int added = 0;
    int changed = 0;
    int kept = 0;
    for (GroupSpec spec : specs) {
      GroupEvaluator previous = old.get(spec.key());
      if (previous != null && RuleIdentity.sameDefinition(previous.spec(), spec)) {
        next.put(spec.key(), previous);
        kept++;
        continue;
      }
      Function<AlertingRuleSpec, AlertRuleState> carried =
          previous == null
              ? r -> AlertRuleState.empty()
              : carriedAlerts(spec, previous.groupSnapshot());
      GroupEvaluator ev = factory.create(spec, carried);
      next.put(spec.key(), ev);
      toSchedule.add(ev);
      if (previous == null) {
        added++;
      } else {
        changed++;
      }
    }
    List<GroupEvaluator> removed = new ArrayList<>();
    for (Map.Entry<String, GroupEvaluator> e : old.entrySet()) {
      if (!next.containsKey(e.getKey())) {
        removed.add(e.getValue());
      }
    }
    groups = next;
    toSchedule.forEach(schedule::schedule);
    for (GroupEvaluator gone : removed) {
      schedule.unschedule(gone.spec().key());
      try {
        removedGroups.removed(gone.groupSnapshot(), now);
      } catch (RuntimeException e) {
        LOG.warn("clean-up of removed group {} failed: {}", gone.spec().name(), e.getMessage());
      }
    }
    metrics.configReloaded(true, now);
    String message =
        String.format(
            "reloaded %d groups: %d added, %d changed, %d removed, %d unchanged",
            next.size(), added, changed, removed.size(), kept);
    LOG.info(message);
    return new Outcome(true, message, added, changed, removed.size(), kept);
  }

  /** The old group's alerts, by rule identity, for the new group's alerting rules. */
  static Function<AlertingRuleSpec, AlertRuleState> carriedAlerts(
      GroupSpec spec, GroupSnapshot old) {
    Map<RuleIdentity, AlertRuleState> byIdentity = new HashMap<>();
    for (RuleSnapshot r : old.rules()) {
      if (r.spec() instanceof AlertingRuleSpec) {
        byIdentity.putIfAbsent(RuleIdentity.of(old.spec(), r.spec()), r.alerts());
      }
    }
    return rule -> byIdentity.getOrDefault(RuleIdentity.of(spec, rule), AlertRuleState.empty());
  }
}
