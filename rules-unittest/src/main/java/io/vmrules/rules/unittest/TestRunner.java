package io.vmrules.rules.unittest;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.GoTemplateRenderer;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.reload.StaleSeriesMarker;
import io.vmrules.rules.unittest.TestFile.AlertTest;
import io.vmrules.rules.unittest.TestFile.ExprTest;
import io.vmrules.rules.unittest.TestFile.InputSeries;
import io.vmrules.rules.unittest.TestFile.TestGroup;
import io.vmrules.rules.unittest.TestResults.Failure;
import io.vmrules.rules.unittest.TestResults.GroupResult;
import io.vmrules.template.FunctionSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs test groups through the evaluator's core: every rule group is evaluated at each tick of
 * {@code evaluation_interval} from the test group's start up to its last {@code eval_time}, in
 * {@code group_eval_order}, with queries answered by a real VictoriaMetrics; each rule's results
 * are written back and made searchable before the next rule runs, so chained rules see them at the
 * same tick, as in Prometheus. Alert tests are checked after the tick at or before their {@code
 * eval_time}; expression tests after the last tick.
 */
public final class TestRunner {
  /** The look-back of instant queries: Prometheus' 5 minutes, sent as VictoriaMetrics' step. */
  static final Duration LOOKBACK = EvaluationSettings.DEFAULT_QUERY_STEP;

  private final LocalVictoriaMetrics vm;
  private final Dialect dialect;
  private final Querier querier;

  public TestRunner(LocalVictoriaMetrics vm, Dialect dialect) {
    this.vm = vm;
    this.dialect = dialect;
    this.querier = new PrometheusApiQuerier(vm.url(), HttpAuth.none(), Duration.ofSeconds(60));
  }

  /** Runs one test group of {@code file} over {@code groups}, already in evaluation order. */
  public GroupResult run(TestFile file, TestGroup test, List<GroupSpec> groups) {
    long started = System.nanoTime();
    List<Failure> failures = new ArrayList<>();
    vm.deleteAll();
    vm.write(inputSamples(test));
    EvaluationSettings settings =
        new EvaluationSettings(
            test.externalLabels(), test.externalUrl(), file.evaluationInterval(), LOOKBACK);
    FunctionSet functions =
        dialect == Dialect.PROMQL ? FunctionSet.prometheus() : FunctionSet.vmalert();
    PendingWrites pending = new PendingWrites(vm, querier);
    GoTemplateRenderer renderer = new GoTemplateRenderer(functions, pending, LOOKBACK);
    SeriesWriter writer = pending;
    if (file.format() == TestFile.Format.PROMTOOL && !test.externalLabels().isEmpty()) {
      // Prometheus keeps external labels out of its own storage: recorded series and ALERTS
      // carry none, while templates still see $externalLabels
      writer = samples -> pending.write(withoutExternal(samples, test.externalLabels()));
    }
    // as in `rules run`: series a rule stops producing get a staleness marker
    StaleSeriesMarker stale = new StaleSeriesMarker(writer);
    List<GroupEvaluator> evaluators = new ArrayList<>();
    for (GroupSpec g : NeededRules.of(groups, test)) {
      evaluators.add(
          GroupEvaluator.builder(g, pending)
              .settings(settings)
              .writer(writer)
              .renderer(renderer)
              .listener(stale)
              .writeEachRule(true)
              .build());
    }
    List<AlertTest> alertTests = new ArrayList<>(test.alertTests());
    alertTests.sort((a, b) -> a.evalTime().compareTo(b.evalTime()));
    Duration last = test.lastEvalTime();
    Duration step = file.evaluationInterval();
    for (Duration t = Duration.ZERO; t.compareTo(last) <= 0; t = t.plus(step)) {
      Instant at = test.start().plus(t);
      for (GroupEvaluator e : evaluators) {
        e.evaluate(at);
      }
      while (!alertTests.isEmpty() && alertTests.get(0).evalTime().compareTo(t.plus(step)) < 0) {
        AlertTest a = alertTests.remove(0);
        Failure f = checkAlerts(file, test, a, evaluators);
        if (f != null) {
          failures.add(f);
        }
      }
    }
    pending.flush();
    for (ExprTest e : test.exprTests()) {
      Failure f = checkExpr(file, test, e);
      if (f != null) {
        failures.add(f);
      }
    }
    failures.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new GroupResult(
        test.name(), test.line(), Duration.ofNanos(System.nanoTime() - started), failures);
  }

  /**
   * The input series' samples, one per step from the start; {@code _} gives none. Each series also
   * gets a staleness marker a day before the start: VictoriaMetrics indexes series per day, and a
   * query at exactly midnight does not find a series first written that day (the default start is a
   * midnight), while a marker is skipped by every query.
   */
  static List<Sample> inputSamples(TestGroup test) {
    List<Sample> out = new ArrayList<>();
    long start = test.start().toEpochMilli();
    long step = test.interval().toMillis();
    for (InputSeries s : test.inputSeries()) {
      out.add(new Sample(s.labels(), StaleSeriesMarker.STALE_NAN, start - 86_400_000L));
      List<SeriesValues.Item> values = s.values();
      for (int i = 0; i < values.size(); i++) {
        SeriesValues.Item item = values.get(i);
        long ts = start + i * step;
        if (item instanceof SeriesValues.Value v) {
          out.add(new Sample(s.labels(), v.value(), ts));
        } else if (item instanceof SeriesValues.Stale) {
          out.add(new Sample(s.labels(), StaleSeriesMarker.STALE_NAN, ts));
        }
      }
    }
    return out;
  }

  private static List<Sample> withoutExternal(List<Sample> samples, Map<String, String> external) {
    List<Sample> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      out.add(
          new Sample(
              stripExternal(s.labels(), external, k -> false), s.value(), s.timestampMillis()));
    }
    return out;
  }

  /** Removes external labels (where the value is the external one) unless {@code keep} says so. */
  private static Labels stripExternal(
      Labels labels, Map<String, String> external, Predicate<String> keep) {
    Labels out = labels;
    for (Map.Entry<String, String> e : external.entrySet()) {
      if (e.getValue().equals(out.get(e.getKey())) && !keep.test(e.getKey())) {
        out = out.without(e.getKey());
      }
    }
    return out;
  }

  private Failure checkAlerts(
      TestFile file, TestGroup test, AlertTest a, List<GroupEvaluator> evaluators) {
    boolean expectsGroup = false;
    for (TestFile.ExpectedAlert e : a.expected()) {
      expectsGroup |= e.labels().containsKey("alertgroup");
    }
    List<AlertView> got = new ArrayList<>();
    for (GroupEvaluator e : evaluators) {
      if (a.groupname() != null && !a.groupname().equals(e.spec().name())) {
        continue;
      }
      for (RuleSnapshot r : e.snapshot()) {
        if (!(r.spec() instanceof AlertingRuleSpec spec) || !spec.name().equals(a.alertname())) {
          continue;
        }
        for (Alert alert : r.alerts().all()) {
          if (alert.state() != AlertState.FIRING) {
            continue;
          }
          Labels labels = alert.labels();
          if (!expectsGroup) {
            labels = labels.without("alertgroup");
          }
          labels = stripExternal(labels, test.externalLabels(), k -> expects(a, k));
          got.add(new AlertView(labels.asMap(), alert.annotations()));
        }
      }
    }
    List<AlertView> exp = new ArrayList<>();
    for (TestFile.ExpectedAlert e : a.expected()) {
      exp.add(new AlertView(e.labels(), e.annotations()));
    }
    return AlertComparison.compare(a, exp, got);
  }

  private static boolean expects(AlertTest a, String label) {
    for (TestFile.ExpectedAlert e : a.expected()) {
      if (e.labels().containsKey(label)) {
        return true;
      }
    }
    return false;
  }

  private Failure checkExpr(TestFile file, TestGroup test, ExprTest e) {
    List<Sample> got;
    try {
      got =
          querier
              .query(QueryRequest.of(e.expr(), test.start().plus(e.evalTime()), LOOKBACK))
              .asSamples();
    } catch (QueryException ex) {
      return new Failure(
          e.line(),
          "expr: "
              + Texts.quote(e.expr())
              + ", time: "
              + Texts.duration(e.evalTime())
              + ", err: "
              + ex.getMessage(),
          List.of());
    }
    return SampleComparison.compare(e, got, file.fuzzyCompare());
  }

  /** An alert as tests see it: labels and annotations. */
  record AlertView(Map<String, String> labels, Map<String, String> annotations) {}
}
