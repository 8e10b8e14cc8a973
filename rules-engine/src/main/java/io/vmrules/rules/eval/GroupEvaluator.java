package io.vmrules.rules.eval;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Evaluates one group at a given slot: runs its rules (in order, or {@code concurrency} at a time),
 * advances the alert states, and hands the produced series to the {@link SeriesWriter}.
 *
 * <p>One thread at a time calls {@link #evaluate} (the scheduler guarantees it); {@link #snapshot}
 * may be called from any thread and returns an immutable view.
 */
public final class GroupEvaluator {
  private final GroupSpec spec;
  private final Duration interval;
  private final List<Object> rules;
  private final Querier querier;
  private final SeriesWriter writer;
  private final EngineMetrics metrics;
  private final InstantSource clock;
  private final Executor executor;
  private volatile List<RuleSnapshot> snapshot;

  private GroupEvaluator(Builder b) {
    this.spec = Objects.requireNonNull(b.spec, "spec");
    EvaluationSettings settings = b.settings;
    this.interval = spec.interval() != null ? spec.interval() : settings.defaultInterval();
    this.querier = Objects.requireNonNull(b.querier, "querier");
    this.writer = b.writer;
    this.metrics = b.metrics;
    this.clock = b.clock;
    this.executor = b.executor;
    List<Object> rs = new ArrayList<>();
    List<RuleSnapshot> initial = new ArrayList<>();
    for (RuleSpec r : spec.rules()) {
      if (r instanceof AlertingRuleSpec a) {
        rs.add(new AlertingRule(a, spec, settings, b.renderer));
      } else {
        rs.add(new RecordingRule((RecordingRuleSpec) r, spec, settings));
      }
      initial.add(RuleSnapshot.initial(r));
    }
    this.rules = List.copyOf(rs);
    this.snapshot = List.copyOf(initial);
  }

  public static Builder builder(GroupSpec spec, Querier querier) {
    return new Builder(spec, querier);
  }

  public GroupSpec spec() {
    return spec;
  }

  /** The group's {@code interval}, or the engine's default. */
  public Duration interval() {
    return interval;
  }

  /** The latest state of every rule, in file order. */
  public List<RuleSnapshot> snapshot() {
    return snapshot;
  }

  /**
   * Evaluates every rule at {@code slot}. Queries run at {@code slot - query_offset}, and the
   * series produced are stamped with that time. A rule whose query fails keeps its state.
   */
  public GroupEvaluation evaluate(Instant slot) {
    Instant started = clock.instant();
    Instant queryTime = spec.queryOffset() == null ? slot : slot.minus(spec.queryOffset());
    List<RuleSnapshot> previous = snapshot;
    List<RuleStep> steps = new ArrayList<>(rules.size());
    if (spec.concurrency() <= 1 || rules.size() <= 1) {
      for (int i = 0; i < rules.size(); i++) {
        steps.add(evaluateRule(i, previous.get(i), slot, queryTime));
      }
    } else {
      steps.addAll(evaluateConcurrently(previous, slot, queryTime));
    }
    List<RuleSnapshot> next = new ArrayList<>(steps.size());
    List<Sample> series = new ArrayList<>();
    Map<AlertState, Integer> counts = new EnumMap<>(AlertState.class);
    for (AlertState s : AlertState.values()) {
      counts.put(s, 0);
    }
    for (RuleStep step : steps) {
      RuleSnapshot r = step.snapshot();
      next.add(r);
      series.addAll(step.series());
      if (r.lastError() != null) {
        metrics.ruleEvaluationFailed(spec.name(), r.spec().name());
      }
      r.alerts().countByState().forEach((k, v) -> counts.merge(k, v, Integer::sum));
    }
    snapshot = List.copyOf(next);
    if (!series.isEmpty()) {
      writer.write(series);
    }
    Duration took = Duration.between(started, clock.instant());
    metrics.iterationCompleted(spec.name(), took);
    metrics.alertsInGroup(spec.name(), counts);
    return new GroupEvaluation(slot, took, next, series);
  }

  private record RuleStep(RuleSnapshot snapshot, List<Sample> series) {}

  private List<RuleStep> evaluateConcurrently(
      List<RuleSnapshot> previous, Instant slot, Instant queryTime) {
    // At most `concurrency` rules in flight: the rules go in waves of that width.
    int width = spec.concurrency();
    List<RuleStep> steps = new ArrayList<>(rules.size());
    for (int start = 0; start < rules.size(); start += width) {
      int end = Math.min(rules.size(), start + width);
      List<CompletableFuture<RuleStep>> wave = new ArrayList<>();
      for (int i = start; i < end; i++) {
        int index = i;
        wave.add(
            CompletableFuture.supplyAsync(
                () -> evaluateRule(index, previous.get(index), slot, queryTime), executor));
      }
      for (CompletableFuture<RuleStep> f : wave) {
        steps.add(f.join());
      }
    }
    return steps;
  }

  private RuleStep evaluateRule(int index, RuleSnapshot previous, Instant slot, Instant queryTime) {
    Instant started = clock.instant();
    Object rule = rules.get(index);
    RuleSpec ruleSpec = previous.spec();
    long stamp = queryTime.toEpochMilli();
    List<Sample> result;
    try {
      QueryRequest request =
          new QueryRequest(ruleSpec.expr(), queryTime, interval, spec.params(), spec.headers());
      result = querier.query(request).asSamples();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new RuleStep(
          new RuleSnapshot(
              ruleSpec, previous.alerts(), slot, Duration.between(started, clock.instant()),
              "failed to execute query: " + message, 0),
          List.of());
    }
    if (rule instanceof AlertingRule alerting) {
      AlertEvaluation ev = alerting.evaluate(previous.alerts(), result, slot);
      List<Sample> out = ev.failed() ? List.of() : alerting.series(ev.state(), stamp);
      return new RuleStep(
          new RuleSnapshot(
              ruleSpec, ev.state(), slot, Duration.between(started, clock.instant()), ev.error(),
              out.size()),
          out);
    }
    RecordingEvaluation ev = ((RecordingRule) rule).evaluate(result, stamp);
    return new RuleStep(
        new RuleSnapshot(
            ruleSpec, AlertRuleState.empty(), slot, Duration.between(started, clock.instant()),
            ev.error(), ev.series().size()),
        ev.series());
  }

  /** Wires a group evaluator; only the spec and the querier are required. */
  public static final class Builder {
    private final GroupSpec spec;
    private final Querier querier;
    private EvaluationSettings settings = EvaluationSettings.defaults();
    private SeriesWriter writer = SeriesWriter.DISCARD;
    private EngineMetrics metrics = EngineMetrics.NOOP;
    private AnnotationRenderer renderer = new PlaceholderRenderer();
    private InstantSource clock = InstantSource.system();
    private Executor executor = Runnable::run;

    private Builder(GroupSpec spec, Querier querier) {
      this.spec = spec;
      this.querier = querier;
    }

    public Builder settings(EvaluationSettings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    public Builder writer(SeriesWriter writer) {
      this.writer = Objects.requireNonNull(writer);
      return this;
    }

    public Builder metrics(EngineMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics);
      return this;
    }

    public Builder renderer(AnnotationRenderer renderer) {
      this.renderer = Objects.requireNonNull(renderer);
      return this;
    }

    /** Measures evaluation durations; never decides the evaluation time. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Runs rules of groups with {@code concurrency} > 1; the caller's thread by default. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      return this;
    }

    public GroupEvaluator build() {
      return new GroupEvaluator(this);
    }
  }
}
