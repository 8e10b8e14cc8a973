package io.vmrules.rules.replay;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.AlertingRule;
import io.vmrules.rules.eval.AnnotationRenderer;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.RangeQuerier;
import io.vmrules.rules.eval.RangeRequest;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.eval.RecordingEvaluation;
import io.vmrules.rules.eval.RecordingRule;
import io.vmrules.rules.eval.Rule;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Evaluates rule groups over a past range with range queries and writes what they produce, as
 * {@code rules run} would have had it run then.
 *
 * <p>The range is cut into {@linkplain Window windows} of {@code maxDatapointsPerQuery} points of
 * the shortest group interval. Each window goes through every group in file order, each group's
 * rules in order; a rule costs one range query per window at its group's interval (aligned to the
 * epoch and {@code eval_offset}), and its points go one by one through the evaluator's own {@link
 * Rule#step}, so {@code for}, {@code keep_firing_for}, labels and limits behave as in {@code rules
 * run}, and alert state carries from window to window. A rule whose results another rule reads is
 * not left until the datasource answers them (polled, at most {@code rulesDelay}).
 *
 * <p>A query or write that fails every one of {@code ruleRetryAttempts} attempts stops the replay
 * with {@link ReplayStopped}: everything before the current window's start is written, and a replay
 * from there picks up: alert state is read back from the {@code ALERTS_FOR_STATE} series written
 * just before {@code from}, and in the first window a rule whose results the target already holds
 * (counted with {@code count_over_time}) is not written again.
 */
public final class Replay {
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration POLL = Duration.ofMillis(100);

  /**
   * Writes queued behind the one being sent: enough to overlap queries with writes, bounded memory.
   */
  static final int WRITES_IN_FLIGHT = 2;

  /**
   * @param from first instant replayed (inclusive)
   * @param to last instant replayed (inclusive)
   * @param rulesDelay longest wait for a rule's results to become queryable; zero: do not wait
   * @param maxDatapointsPerQuery points per range query at most
   * @param ruleRetryAttempts attempts per query or write before the replay stops
   */
  public record Options(
      Instant from,
      Instant to,
      Duration rulesDelay,
      int maxDatapointsPerQuery,
      int ruleRetryAttempts) {
    public Options {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException(
            (to.equals(from) ? "empty range: " : "reversed range: ")
                + "--from "
                + from
                + " is not before --to "
                + to);
      }
      if (rulesDelay == null || rulesDelay.isNegative()) {
        throw new IllegalArgumentException("rulesDelay must not be negative");
      }
      if (maxDatapointsPerQuery < 1) {
        throw new IllegalArgumentException("maxDatapointsPerQuery must be at least 1");
      }
      if (ruleRetryAttempts < 1) {
        throw new IllegalArgumentException("ruleRetryAttempts must be at least 1");
      }
    }
  }

  private final Options options;
  private final List<GroupSpec> groups;
  private final EvaluationSettings settings;
  private final RangeQuerier querier;
  private final SampleWriter writer;
  private final Sleeper sleeper;
  private final ReplayListener listener;
  private final boolean directRecording;
  private final List<List<ReplayRule>> rules = new ArrayList<>();
  private final List<SlotGrid> grids = new ArrayList<>();
  private volatile Instant resumePoint;
  private WritePipeline writes;

  private Replay(Builder b) {
    this.options = Objects.requireNonNull(b.options, "options");
    this.groups = List.copyOf(b.groups);
    this.settings = b.settings;
    this.querier = b.querier;
    this.writer = b.writer;
    this.sleeper = b.sleeper;
    this.listener = b.listener;
    this.directRecording = b.directRecording;
    this.resumePoint = options.from();
    List<Set<String>> reads = new ArrayList<>();
    boolean readsAnything = false;
    for (GroupSpec g : groups) {
      grids.add(SlotGrid.of(interval(g), g.evalOffset()));
      List<ReplayRule> rs = new ArrayList<>();
      for (RuleSpec spec : g.rules()) {
        rs.add(
            new ReplayRule(g, Rule.of(spec, g, settings, b.renderer), settings.externalLabels()));
        Set<String> names = readNames(spec.expr(), b.dialect);
        readsAnything |= names == null;
        if (names != null) {
          reads.add(names);
        }
      }
      rules.add(rs);
    }
    Set<String> allReads = new HashSet<>();
    reads.forEach(allReads::addAll);
    for (List<ReplayRule> rs : rules) {
      for (ReplayRule r : rs) {
        r.read = readsAnything || r.outputs.stream().anyMatch(allReads::contains);
      }
    }
  }

  public static Builder builder(List<GroupSpec> groups, RangeQuerier querier, SampleWriter writer) {
    return new Builder(groups, querier, writer);
  }

  /**
   * The metric names an expression reads, or null when a selector has no fixed name (it may read
   * anything).
   */
  static Set<String> readNames(String expr, Dialect dialect) {
    ParseResult parsed = PromQL.parse(expr, dialect);
    if (parsed.expr() == null) {
      return null;
    }
    Set<String> names = new HashSet<>();
    boolean[] unnamed = {false};
    Exprs.walk(
        parsed.expr(),
        e -> {
          if (e instanceof VectorSelector v) {
            String name = Exprs.metricName(v);
            if (name == null) {
              unnamed[0] = true;
            } else {
              names.add(name);
            }
          }
        });
    return unnamed[0] ? null : names;
  }

  private Duration interval(GroupSpec g) {
    return settings.intervalOf(g);
  }

  /** The start of the window being replayed: everything before it is written. */
  public Instant resumePoint() {
    return resumePoint;
  }

  /** The windows this replay goes through. */
  public List<Window> windows() {
    Duration shortest = null;
    for (GroupSpec g : groups) {
      Duration i = interval(g);
      shortest = shortest == null || i.compareTo(shortest) < 0 ? i : shortest;
    }
    if (shortest == null) {
      shortest = settings.defaultInterval();
    }
    return Window.split(
        options.from(), options.to(), shortest.multipliedBy(options.maxDatapointsPerQuery()));
  }

  /**
   * Replays the whole range.
   *
   * @throws ReplayStopped when a query or write failed every attempt, or the thread was interrupted
   */
  public ReplaySummary run() throws ReplayStopped {
    List<Window> windows = windows();
    listener.started(windows.size(), options.from(), options.to());
    try {
      restoreAlerts();
    } catch (Failure f) {
      throw stopped(f.getMessage());
    }
    try (WritePipeline pipeline = new WritePipeline(WRITES_IN_FLIGHT)) {
      writes = pipeline;
      for (int w = 0; w < windows.size(); w++) {
        Window window = windows.get(w);
        resumePoint = window.start();
        try {
          for (int g = 0; g < groups.size(); g++) {
            long[] slots = window.slots(grids.get(g));
            if (slots.length == 0) {
              continue;
            }
            for (ReplayRule r : rules.get(g)) {
              replay(r, slots, w == 0);
            }
          }
          pipeline.drain();
        } catch (Failure f) {
          throw stopped(f.getMessage());
        }
        listener.windowDone(
            w,
            windows.size(),
            window.last() ? options.to() : window.end(),
            summary(false).samplesWritten());
      }
    } finally {
      writes = null;
    }
    resumePoint = null;
    return summary(true);
  }

  private ReplayStopped stopped(String message) {
    return new ReplayStopped(message, resumePoint, summary(false));
  }

  private ReplaySummary summary(boolean complete) {
    List<RuleSummary> out = new ArrayList<>();
    for (List<ReplayRule> rs : rules) {
      for (ReplayRule r : rs) {
        out.add(r.summary());
      }
    }
    return new ReplaySummary(out, complete);
  }

  /**
   * One rule over one window's slots: query, step through the points, write, wait if read. In the
   * first window the target may already hold the results: a replay that stopped in this window had
   * written the rules before the one that failed. Their samples are not written twice.
   */
  private long replay(ReplayRule r, long[] slots, boolean first) {
    GroupSpec g = r.group;
    Duration interval = interval(g);
    long offset = g.queryOffset() == null ? 0 : g.queryOffset().toMillis();
    long firstStamp = slots[0] - offset;
    long lastStamp = slots[slots.length - 1] - offset;
    RangeRequest request =
        new RangeRequest(
            r.rule.spec().expr(),
            Instant.ofEpochMilli(firstStamp),
            Instant.ofEpochMilli(lastStamp),
            interval,
            g.params(),
            g.headers());
    List<RangeSeries> answer = retrying(describe(r, "query"), () -> querier.queryRange(request));

    long step = interval.toMillis();
    for (RangeSeries s : answer) {
      r.pointsQueried += s.size();
    }
    List<RangeSeries> out = null;
    if (directRecording && r.rule instanceof RecordingRule recording) {
      out = recordDirectly(recording, g.limit(), answer, firstStamp, step, slots.length);
    }
    if (out == null) {
      out = stepPointByPoint(r, answer, slots, offset, firstStamp, step);
    }
    long points = 0;
    for (RangeSeries s : out) {
      points += s.size();
    }
    if (points == 0) {
      return 0;
    }
    if (first && count(r, firstStamp, lastStamp, interval) >= points) {
      r.samplesFound += points;
      return 0;
    }
    List<RangeSeries> series = out;
    writes.submit(
        r,
        points,
        () ->
            retrying(
                describe(r, "write"),
                () -> {
                  writer.write(series);
                  return null;
                }));
    if (r.read) {
      writes.drain();
      awaitQueryable(r, points, firstStamp, lastStamp, interval);
    }
    return points;
  }

  /**
   * The reference: every slot's points through the rule's {@link Rule#step}, the alert state
   * carried from one to the next; the series written, grouped by label set.
   */
  private static List<RangeSeries> stepPointByPoint(
      ReplayRule r,
      List<RangeSeries> answer,
      long[] slots,
      long offset,
      long firstStamp,
      long step) {
    List<List<Sample>> bySlot = new ArrayList<>(slots.length);
    for (int i = 0; i < slots.length; i++) {
      bySlot.add(new ArrayList<>());
    }
    for (RangeSeries s : answer) {
      long[] ts = s.timestampsMillis();
      double[] vs = s.values();
      for (int i = 0; i < ts.length; i++) {
        long d = ts[i] - firstStamp;
        if (d >= 0 && d % step == 0 && d / step < slots.length) {
          bySlot.get((int) (d / step)).add(new Sample(s.labels(), vs[i], ts[i]));
        }
      }
    }
    SeriesCollector out = new SeriesCollector();
    for (int i = 0; i < slots.length; i++) {
      Instant slot = Instant.ofEpochMilli(slots[i]);
      AlertRuleState before = r.state;
      Rule.Step result = r.rule.step(before, bySlot.get(i), slot, slots[i] - offset);
      if (result.error() != null) {
        r.failed(slot + ": " + result.error());
      }
      if (r.alerting()) {
        for (Alert a : result.state().all()) {
          if (a.state() == AlertState.FIRING) {
            Alert was = before.get(a.labels());
            if (was == null || was.state() != AlertState.FIRING) {
              r.fired(slot);
            }
          }
        }
      }
      r.state = result.state();
      for (Sample s : result.series()) {
        out.add(s);
      }
    }
    return out.series();
  }

  /**
   * A recording rule's results without stepping point by point: each answered series renamed and
   * labelled by the rule itself ({@link RecordingRule#evaluate} of one point), with its points on
   * the slots. The same as {@link #stepPointByPoint} when the renamed label sets all differ and the
   * group's {@code limit} cannot be exceeded (ReplayTest holds the two to each other); null
   * otherwise, and the caller steps.
   */
  static List<RangeSeries> recordDirectly(
      RecordingRule rule,
      int limit,
      List<RangeSeries> answer,
      long firstStamp,
      long step,
      int slots) {
    if (limit > 0 && answer.size() > limit) {
      return null;
    }
    List<RangeSeries> out = new ArrayList<>(answer.size());
    Set<Labels> seen = new HashSet<>();
    for (RangeSeries s : answer) {
      RecordingEvaluation ev = rule.evaluate(List.of(new Sample(s.labels(), 0, 0)), 0);
      if (ev.failed() || !seen.add(ev.series().get(0).labels())) {
        return null;
      }
      long[] ts = s.timestampsMillis();
      double[] vs = s.values();
      int kept = 0;
      long[] keptTs = new long[ts.length];
      double[] keptVs = new double[ts.length];
      for (int i = 0; i < ts.length; i++) {
        long d = ts[i] - firstStamp;
        if (d >= 0 && d % step == 0 && d / step < slots) {
          keptTs[kept] = ts[i];
          keptVs[kept++] = vs[i];
        }
      }
      if (kept > 0) {
        out.add(
            kept == ts.length
                ? new RangeSeries(ev.series().get(0).labels(), keptTs, keptVs)
                : new RangeSeries(
                    ev.series().get(0).labels(),
                    Arrays.copyOf(keptTs, kept),
                    Arrays.copyOf(keptVs, kept)));
      }
    }
    return out;
  }

  /**
   * How many samples of {@code r}'s output the datasource holds in {@code [firstStamp, lastStamp]}.
   */
  private double count(ReplayRule r, long firstStamp, long lastStamp, Duration interval) {
    String expr =
        "sum(count_over_time(" + r.outputSelector + "[" + (lastStamp - firstStamp + 1) + "ms]))";
    RangeRequest count =
        new RangeRequest(
            expr,
            Instant.ofEpochMilli(lastStamp),
            Instant.ofEpochMilli(lastStamp),
            interval,
            r.group.params(),
            r.group.headers());
    List<RangeSeries> answer =
        retrying(describe(r, "sample count"), () -> querier.queryRange(count));
    return answer.isEmpty() || answer.get(0).size() == 0
        ? 0
        : answer.get(0).values()[answer.get(0).size() - 1];
  }

  /**
   * Polls until the datasource counts at least {@code expected} samples of {@code r}'s output in
   * {@code [firstStamp, lastStamp]}: a later rule must not read a half-written window.
   */
  private void awaitQueryable(
      ReplayRule r, long expected, long firstStamp, long lastStamp, Duration interval) {
    if (options.rulesDelay().isZero()) {
      return;
    }
    long waited = 0;
    while (true) {
      double seen = count(r, firstStamp, lastStamp, interval);
      if (seen >= expected) {
        return;
      }
      if (waited >= options.rulesDelay().toMillis()) {
        throw new Failure(
            describe(r, "results")
                + " not queryable after "
                + options.rulesDelay()
                + " ("
                + (long) seen
                + " of "
                + expected
                + " samples): raise --rulesDelay, or check that --remoteWrite.url writes where "
                + "--datasource.url reads");
      }
      sleep(POLL);
      waited += POLL.toMillis();
    }
  }

  /**
   * Reads back the alert state at the slot before {@code from}: each alert's {@code activeAt} from
   * the {@code ALERTS_FOR_STATE} sample written there, pending or firing by the rule's {@code for}.
   * A replay that continues an earlier one (or {@code rules run}) then goes on as it would have.
   */
  private void restoreAlerts() {
    for (int g = 0; g < groups.size(); g++) {
      GroupSpec group = groups.get(g);
      Duration interval = interval(group);
      long offset = group.queryOffset() == null ? 0 : group.queryOffset().toMillis();
      long previous = grids.get(g).atOrAfter(options.from().toEpochMilli()) - interval.toMillis();
      for (ReplayRule r : rules.get(g)) {
        if (!(r.rule.spec() instanceof AlertingRuleSpec spec)) {
          continue;
        }
        long stamp = previous - offset;
        String expr =
            "last_over_time("
                + AlertingRule.ALERTS_FOR_STATE
                + "{"
                + AlertingRule.ALERT_NAME
                + "="
                + Selectors.quote(spec.name())
                + ","
                + AlertingRule.ALERT_GROUP
                + "="
                + Selectors.quote(group.name())
                + "}["
                + interval.toMillis()
                + "ms])";
        RangeRequest q =
            new RangeRequest(
                expr,
                Instant.ofEpochMilli(stamp),
                Instant.ofEpochMilli(stamp),
                interval,
                group.params(),
                group.headers());
        List<RangeSeries> answer =
            retrying(describe(r, "alert state restore"), () -> querier.queryRange(q));
        Map<Labels, Alert> alerts = new HashMap<>();
        Instant at = Instant.ofEpochMilli(previous);
        for (RangeSeries s : answer) {
          if (s.size() == 0) {
            continue;
          }
          Labels labels = s.labels().without(Labels.METRIC_NAME);
          Instant activeAt = Instant.ofEpochMilli(Math.round(s.values()[s.size() - 1] * 1000));
          boolean firing = Duration.between(activeAt, at).compareTo(spec.forDuration()) >= 0;
          alerts.put(
              labels,
              new Alert(
                  labels,
                  Map.of(),
                  firing ? AlertState.FIRING : AlertState.PENDING,
                  Double.NaN,
                  activeAt,
                  firing ? activeAt.plus(spec.forDuration()) : null,
                  null,
                  null,
                  at));
        }
        r.state = new AlertRuleState(alerts);
      }
    }
  }

  private static String describe(ReplayRule r, String what) {
    return (r.alerting() ? "alert " : "recording rule ")
        + "\""
        + r.name()
        + "\" (group \""
        + r.group.name()
        + "\") "
        + what;
  }

  /** Calls {@code call} until it succeeds, {@code ruleRetryAttempts} times at most, backing off. */
  private <T> T retrying(String what, Supplier<T> call) {
    Duration backoff = INITIAL_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (QueryException | SampleWriter.WriteException e) {
        boolean retryable = !(e instanceof SampleWriter.WriteException w) || w.retryable();
        if (!retryable || attempt >= options.ruleRetryAttempts()) {
          throw new Failure(
              what
                  + " failed"
                  + (attempt > 1 ? " " + attempt + " times" : "")
                  + ": "
                  + e.getMessage());
        }
        listener.retrying(what, attempt, e.getMessage(), backoff);
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
          backoff = MAX_BACKOFF;
        }
      }
    }
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
  }

  /** Why the current window cannot be finished. */
  private static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** Wires a replay; groups, querier and writer are required, the rest has defaults. */
  public static final class Builder {
    private final List<GroupSpec> groups;
    private final RangeQuerier querier;
    private final SampleWriter writer;
    private Options options;
    private EvaluationSettings settings = EvaluationSettings.defaults();
    private Dialect dialect = Dialect.METRICSQL;
    private AnnotationRenderer renderer;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ReplayListener listener = ReplayListener.NONE;
    private boolean directRecording = true;

    private Builder(List<GroupSpec> groups, RangeQuerier querier, SampleWriter writer) {
      this.groups = Objects.requireNonNull(groups, "groups");
      this.querier = Objects.requireNonNull(querier, "querier");
      this.writer = Objects.requireNonNull(writer, "writer");
    }

    public Builder options(Options options) {
      this.options = options;
      return this;
    }

    public Builder settings(EvaluationSettings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    /** The dialect the rule files were validated in: how to read their expressions. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect);
      return this;
    }

    /**
     * Renders alert labels and annotations; by default vmalert's functions, without {@code query}.
     */
    public Builder renderer(AnnotationRenderer renderer) {
      this.renderer = renderer;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    public Builder listener(ReplayListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** Whether recording rules may skip stepping point by point (off: the reference, for tests). */
    Builder directRecording(boolean on) {
      this.directRecording = on;
      return this;
    }

    public Replay build() {
      if (renderer == null) {
        renderer = io.vmrules.rules.eval.GoTemplateRenderer.vmalert();
      }
      return new Replay(this);
    }
  }
}
