package io.vmrules.rules.eval;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Evaluates one group at a given slot: runs its rules (in order, or up to {@code concurrency} at a
 * time), advances the alert states, hands the produced series to the {@link SeriesWriter} and tells
 * the {@link EvaluationListener}.
 *
 * <p>One thread at a time calls {@link #evaluate} (the scheduler guarantees it); {@link #snapshot}
 * may be called from any thread and returns an immutable view. The evaluation time is always the
 * slot passed in; the clock only measures durations.
 */
public final class GroupEvaluator {
  private static final System.Logger LOG = System.getLogger(GroupEvaluator.class.getName());

  private final GroupSpec spec;
  private final Duration interval;
  private final Duration step;
  private final List<Rule> rules;
  private final Querier querier;
  private final SeriesWriter writer;
  private final EngineMetrics metrics;
  private final InstantSource clock;
  private final Executor executor;
  private final EvaluationListener listener;
  private final boolean writeEachRule;
  private final String instanceId;
  private volatile GroupSnapshot snapshot;

  private GroupEvaluator(Builder b) {
    this.spec = Objects.requireNonNull(b.spec, "spec");
    EvaluationSettings settings = b.settings;
    this.interval = settings.intervalOf(spec);
    this.step = settings.stepFor(interval);
    this.querier = Objects.requireNonNull(b.querier, "querier");
    this.writer = b.writer;
    this.metrics = b.metrics;
    this.clock = b.clock;
    this.executor = b.executor;
    this.listener = b.listener;
    this.writeEachRule = b.writeEachRule;
    this.instanceId = b.instanceId;
    List<Rule> rs = new ArrayList<>();
    List<RuleSnapshot> initial = new ArrayList<>();
    for (RuleSpec r : spec.rules()) {
      AlertRuleState alerts = AlertRuleState.empty();
      rs.add(Rule.of(r, spec, settings, b.renderer));
      if (r instanceof AlertingRuleSpec a) {
        AlertRuleState restored = b.initialAlerts.apply(a);
        alerts = restored == null ? alerts : restored;
      }
      initial.add(new RuleSnapshot(r, alerts, null, Duration.ZERO, null, 0));
    }
    this.rules = List.copyOf(rs);
    this.snapshot = new GroupSnapshot(spec, interval, null, Duration.ZERO, initial);
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
    return snapshot.rules();
  }

  /**
   * Continues from alerts another engine of a cluster produced: each rule's alerts replaced, in
   * rule order, the rest of the snapshot kept. A list of another length (different rule files) is
   * ignored.
   *
   * @param evaluator the instance id of the engine that produced them
   */
  public void restore(List<AlertRuleState> alerts, String evaluator) {
    GroupSnapshot current = snapshot;
    if (alerts.size() != current.rules().size()) {
      return;
    }
    List<RuleSnapshot> rules = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      RuleSnapshot r = current.rules().get(i);
      rules.add(
          new RuleSnapshot(
              r.spec(),
              alerts.get(i),
              r.lastEvaluation(),
              r.evaluationDuration(),
              r.lastError(),
              r.lastSeries()));
    }
    snapshot =
        new GroupSnapshot(
            current.spec(),
            current.interval(),
            current.lastEvaluation(),
            current.evaluationDuration(),
            rules,
            evaluator);
  }

  /** The latest state of the group and its rules. */
  public GroupSnapshot groupSnapshot() {
    return snapshot;
  }

  /**
   * Evaluates every rule at {@code slot}. Alert states advance at {@code slot}; queries run at
   * {@code slot - query_offset} and the series produced are stamped with that time (as Prometheus
   * does). A rule whose query fails keeps its state and writes nothing.
   */
  public GroupEvaluation evaluate(Instant slot) {
    Instant started = clock.instant();
    Instant queryTime = spec.queryOffset() == null ? slot : slot.minus(spec.queryOffset());
    List<RuleSnapshot> previous = snapshot.rules();
    RuleStep[] steps = new RuleStep[rules.size()];
    int width = writeEachRule ? 1 : Math.min(spec.concurrency(), rules.size());
    if (width <= 1) {
      for (int i = 0; i < steps.length; i++) {
        steps[i] = evaluateRule(i, previous.get(i), slot, queryTime);
        if (writeEachRule && !steps[i].series().isEmpty()) {
          writer.write(steps[i].series());
        }
      }
    } else {
      evaluateConcurrently(width, steps, previous, slot, queryTime);
    }
    List<RuleSnapshot> next = new ArrayList<>(steps.length);
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
      if (r.spec() instanceof AlertingRuleSpec) {
        r.alerts().countByState().forEach((k, v) -> counts.merge(k, v, Integer::sum));
      }
    }
    if (!series.isEmpty() && !writeEachRule) {
      writer.write(series);
    }
    Duration took = Duration.between(started, clock.instant());
    GroupSnapshot done = new GroupSnapshot(spec, interval, slot, took, next, instanceId);
    snapshot = done;
    metrics.rulesEvaluated(spec.name(), steps.length);
    metrics.iterationCompleted(spec.name(), took);
    metrics.alertsInGroup(spec.name(), counts);
    GroupEvaluation evaluation = new GroupEvaluation(slot, took, next, series);
    try {
      listener.evaluated(done, evaluation);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "evaluation listener failed for group " + spec.name(), e);
    }
    return evaluation;
  }

  private record RuleStep(RuleSnapshot snapshot, List<Sample> series) {}

  /**
   * {@code width} workers take the next rule until none is left, so a slow rule holds up one worker
   * only. One worker is the calling thread: the group progresses even when the shared executor is
   * saturated.
   */
  private void evaluateConcurrently(
      int width, RuleStep[] steps, List<RuleSnapshot> previous, Instant slot, Instant queryTime) {
    AtomicInteger nextIndex = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = nextIndex.getAndIncrement();
              i < steps.length;
              i = nextIndex.getAndIncrement()) {
            steps[i] = evaluateRule(i, previous.get(i), slot, queryTime);
          }
        };
    List<CompletableFuture<Void>> helpers = new ArrayList<>(width - 1);
    for (int w = 1; w < width; w++) {
      helpers.add(CompletableFuture.runAsync(worker, executor));
    }
    worker.run();
    CompletableFuture.allOf(helpers.toArray(CompletableFuture[]::new)).join();
  }

  private RuleStep evaluateRule(int index, RuleSnapshot previous, Instant slot, Instant queryTime) {
    Instant started = clock.instant();
    Rule rule = rules.get(index);
    RuleSpec ruleSpec = previous.spec();
    long stamp = queryTime.toEpochMilli();
    List<Sample> result;
    try {
      QueryRequest request =
          new QueryRequest(ruleSpec.expr(), queryTime, step, spec.params(), spec.headers());
      result = querier.query(request).asSamples();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      String error = "failed to execute query: " + message;
      Duration took = Duration.between(started, clock.instant());
      return new RuleStep(
          new RuleSnapshot(
              ruleSpec,
              previous.alerts(),
              slot,
              took,
              error,
              0,
              record(previous, previous.alerts(), slot, queryTime, took, 0, error)),
          List.of());
    }
    Rule.Step step = rule.step(previous.alerts(), result, slot, stamp);
    Duration took = Duration.between(started, clock.instant());
    return new RuleStep(
        new RuleSnapshot(
            ruleSpec,
            step.state(),
            slot,
            took,
            step.error(),
            step.samples(),
            record(previous, step.state(), slot, queryTime, took, step.samples(), step.error())),
        step.series());
  }

  /** The rule's history with this evaluation added. */
  private static EvaluationHistory record(
      RuleSnapshot previous,
      AlertRuleState alerts,
      Instant slot,
      Instant queryTime,
      Duration took,
      int samples,
      String error) {
    int pending = 0;
    int firing = 0;
    for (Alert a : alerts.all()) {
      if (a.state() == AlertState.PENDING) {
        pending++;
      } else if (a.state() == AlertState.FIRING) {
        firing++;
      }
    }
    return previous
        .history()
        .plus(new EvaluationRecord(slot, queryTime, took, samples, pending, firing, error));
  }

  /** Wires a group evaluator; only the spec and the querier are required. */
  public static final class Builder {
    private final GroupSpec spec;
    private final Querier querier;
    private EvaluationSettings settings = EvaluationSettings.defaults();
    private SeriesWriter writer = SeriesWriter.DISCARD;
    private EngineMetrics metrics = EngineMetrics.NOOP;
    private AnnotationRenderer renderer = GoTemplateRenderer.vmalert();
    private InstantSource clock = InstantSource.system();
    private Executor executor = Runnable::run;
    private EvaluationListener listener = EvaluationListener.NONE;
    private Function<AlertingRuleSpec, AlertRuleState> initialAlerts = r -> AlertRuleState.empty();
    private boolean writeEachRule;
    private String instanceId;

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

    /** Told of every finished evaluation (the notifier, the API). */
    public Builder listener(EvaluationListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * The alerts each alerting rule starts with: those kept across a reload, or restored from
     * {@code ALERTS_FOR_STATE}. Null or empty means none.
     */
    public Builder initialAlerts(Function<AlertingRuleSpec, AlertRuleState> initialAlerts) {
      this.initialAlerts = Objects.requireNonNull(initialAlerts);
      return this;
    }

    /**
     * Writes each rule's series as soon as the rule is evaluated, rules one after another, so a
     * later rule of the group reads an earlier one's result at the same evaluation (Prometheus'
     * semantics, which {@code rules test} needs); the writer must then make them queryable before
     * it returns. By default the group's series go out together after the last rule.
     */
    public Builder writeEachRule(boolean writeEachRule) {
      this.writeEachRule = writeEachRule;
      return this;
    }

    /** Cluster mode: this engine's instance id, named in the snapshots of its evaluations. */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    public GroupEvaluator build() {
      return new GroupEvaluator(this);
    }
  }
}
