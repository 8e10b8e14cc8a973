package io.vmrules.rules.run;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.api.ApiCredentials;
import io.vmrules.rules.api.HttpApiServer;
import io.vmrules.rules.api.Readiness;
import io.vmrules.rules.api.Reloader;
import io.vmrules.rules.api.RulesApi;
import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AnnotationRenderer;
import io.vmrules.rules.eval.EvaluationListener;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.GoTemplateRenderer;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.SeriesWriter;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.metrics.PrometheusEngineMetrics;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.notify.AlertDispatcher;
import io.vmrules.rules.notify.AlertmanagerNotifier;
import io.vmrules.rules.notify.Notifier;
import io.vmrules.rules.reload.RuleFiles;
import io.vmrules.rules.reload.RunningRules;
import io.vmrules.rules.reload.StaleSeriesMarker;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import io.vmrules.rules.restore.AlertStateRestorer;
import io.vmrules.rules.schedule.QuartzGroupScheduler;
import io.vmrules.rules.schedule.ScheduledGroup;
import io.vmrules.rules.schedule.Slots;
import io.vmrules.rules.ui.UiSettings;
import io.vmrules.rules.ui.WebUi;
import io.vmrules.template.FunctionSet;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code rules run}: builds the adapters (querier, remote writer,
 * notifiers, restore querier), the metrics, the HTTP endpoint and API, and the running rules, and
 * wires them: every group evaluation goes to the stale-series marker, the alert dispatcher and the
 * readiness tracker; groups a reload removes are resolved and marked stale.
 *
 * <p>Constructing has no side effects (no port, no thread, no connection). {@link #start}: HTTP
 * bound (a taken port fails here, before anything else exists) and up (healthy, not ready) →
 * adapters built and their senders started → alert state restored from {@code ALERTS_FOR_STATE} →
 * groups scheduled with the restored alerts → scheduler started. {@code /-/ready} turns true when
 * the restore finished (with {@code --remoteRead.url}) or else when every group has finished its
 * first evaluation.
 *
 * <p>{@link #close}: scheduler (waits for running evaluations) → notifiers (deliver what is queued,
 * within their close timeout) → remote writer (flush) → HTTP endpoint.
 */
public final class RuleEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

  /** The engine's peers, behind their ports. Notifiers and the writer are closed by the engine. */
  public record Ports(
      Querier querier, Querier remoteRead, SeriesWriter writer, List<Notifier> notifiers) {
    public Ports {
      Objects.requireNonNull(querier, "querier");
      writer = writer == null ? SeriesWriter.DISCARD : writer;
      notifiers = List.copyOf(notifiers == null ? List.of() : notifiers);
    }
  }

  /** Builds the ports from the configuration. */
  @FunctionalInterface
  public interface Adapters {
    Ports connect(EngineConfig config, PrometheusEngineMetrics metrics, InstantSource clock);

    /** The real adapters: okhttp querier, remote write, Alertmanager notifiers. */
    Adapters HTTP =
        (config, metrics, clock) -> {
          EngineConfig.Endpoint ds = config.datasource();
          Querier querier = new PrometheusApiQuerier(ds.url(), ds.auth(), config.queryTimeout());
          EngineConfig.Endpoint rr = config.remoteRead();
          Querier remoteRead =
              rr == null
                  ? null
                  : new PrometheusApiQuerier(rr.url(), rr.auth(), config.queryTimeout());
          EngineConfig.Endpoint rw = config.remoteWrite();
          SeriesWriter writer =
              rw == null
                  ? SeriesWriter.DISCARD
                  : new RemoteWriteSeriesWriter(
                          rw.url(),
                          rw.auth(),
                          config.remoteWriteOptions(),
                          metrics.remoteWriteMetrics())
                      .start();
          List<Notifier> notifiers = new ArrayList<>();
          if (!config.notifierBlackhole()) {
            for (EngineConfig.Endpoint n : config.notifiers()) {
              AlertmanagerNotifier notifier =
                  AlertmanagerNotifier.builder(n.url())
                      .auth(n.auth())
                      .clock(clock)
                      .metrics(metrics.notifierMetrics())
                      .build()
                      .start();
              metrics.notifierMetrics().added(notifier.url());
              notifiers.add(notifier);
            }
          }
          return new Ports(querier, remoteRead, writer, notifiers);
        };
  }

  private final EngineConfig config;
  private final InstantSource clock;
  private final PrometheusEngineMetrics metrics;
  private final Adapters adapters;
  private final AnnotationRenderer givenRenderer;
  private final HttpApiServer http;
  private final Readiness readiness = new Readiness();
  private final EngineStatus status;
  private final FirstRound firstRound = new FirstRound();
  // Built by start(): connections and threads exist only once the engine runs.
  private Ports ports;
  private AnnotationRenderer renderer;
  private QuartzGroupScheduler scheduler;
  private ExecutorService ruleExecutor;
  private AlertDispatcher dispatcher;
  private StaleSeriesMarker staleMarker;
  private final List<EvaluationListener> listeners = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile RunningRules running;
  private EvaluationListener evaluated = EvaluationListener.NONE;
  private Cluster cluster;
  // when the rule files running now were loaded: a cluster's group last run with older files that
  // these lack was removed from them
  private volatile Instant filesLoadedAt;

  /** The engine with the real adapters, the system clock and the configured template functions. */
  public RuleEngine(EngineConfig config) throws IOException {
    this(config, InstantSource.system(), new PrometheusEngineMetrics(), Adapters.HTTP, null);
  }

  /**
   * @param renderer null: Go templates with the function set of {@code config.dialect()}
   */
  public RuleEngine(
      EngineConfig config,
      InstantSource clock,
      PrometheusEngineMetrics metrics,
      Adapters adapters,
      AnnotationRenderer renderer)
      throws IOException {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.adapters = Objects.requireNonNull(adapters, "adapters");
    this.givenRenderer = renderer;
    this.status = new EngineStatus(config, metrics.registry());
    this.http =
        config.httpListenAddr() == null
            ? null
            : new HttpApiServer(config.httpListenAddr(), metrics.registry(), readiness);
    if (http != null) {
      EngineConfig.BasicCredentials auth = config.httpAuth();
      ApiCredentials credentials =
          auth == null ? null : new ApiCredentials(auth.username(), auth.password());
      new RulesApi(this::snapshots, readiness, this::reload, credentials).mount(http::handle);
      webUi(credentials).mount(http::handle);
    }
  }

  /** The web UI on the API's endpoint and auth; the alerts page is {@code /}. */
  private WebUi webUi(ApiCredentials credentials) {
    String alertmanager =
        config.notifiers().isEmpty() || config.notifierBlackhole()
            ? null
            : HttpAuth.redactUrl(config.notifiers().get(0).url());
    UiSettings ui =
        new UiSettings(
            HttpAuth.redactUrl(config.datasource().url()),
            config.ui().datasourceUiUrl(),
            alertmanager,
            config.dialect(),
            config.settings());
    return new WebUi(this::snapshots, status::get, this::missedIterations, clock, ui, credentials);
  }

  private long missedIterations(String groupKey) {
    QuartzGroupScheduler s = scheduler;
    ScheduledGroup g = s == null ? null : s.groups().get(groupKey);
    return g == null ? 0 : g.missed();
  }

  /**
   * Go templates with the functions the rule files were validated against: Prometheus' for the
   * PromQL dialect, vmalert's for MetricsQL; {@code query} goes to the datasource.
   */
  static AnnotationRenderer templates(EngineConfig config, Querier querier) {
    FunctionSet functions =
        config.dialect() == Dialect.PROMQL ? FunctionSet.prometheus() : FunctionSet.vmalert();
    EvaluationSettings s = config.settings();
    return new GoTemplateRenderer(functions, querier, s.stepFor(s.defaultInterval()));
  }

  /**
   * Runs as one engine of a cluster (before {@link #start}): slots come from the shared job store,
   * alert state from the shared store instead of {@code ALERTS_FOR_STATE}; closed with the engine.
   */
  public RuleEngine cluster(Cluster cluster) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    return this;
  }

  /** Told of every group evaluation after the engine's own listeners; add before {@link #start}. */
  public RuleEngine addListener(EvaluationListener listener) {
    listeners.add(listener);
    return this;
  }

  public PrometheusEngineMetrics metrics() {
    return metrics;
  }

  /** The HTTP endpoint, to mount more handlers; null without {@code --httpListenAddr}. */
  public HttpApiServer http() {
    return http;
  }

  /** The scheduler; null before {@link #start}. */
  public QuartzGroupScheduler scheduler() {
    return scheduler;
  }

  public boolean isReady() {
    return readiness.isReady();
  }

  /** The groups' latest snapshots, in rule-file order; empty before {@link #start}. */
  public List<GroupSnapshot> snapshots() {
    RunningRules r = running;
    if (r != null && cluster != null && scheduler != null) {
      // groups other engines evaluate: their alerts as the cluster has them, at most this old
      scheduler.refreshSharedState(cluster.refreshInterval());
    }
    return r == null ? List.of() : r.snapshots();
  }

  /**
   * Serves HTTP, restores the alert state, schedules {@code groups} (already loaded and validated
   * from {@code files}) and starts evaluating. {@code files} is what {@link #reload} re-reads.
   */
  public void start(RuleFiles files, List<GroupSpec> groups) throws IOException {
    if (http != null) {
      http.start();
    }
    status.started(clock.instant());
    ports = adapters.connect(config, metrics, clock);
    renderer = givenRenderer != null ? givenRenderer : templates(config, ports.querier());
    Notifier notifier =
        ports.notifiers().isEmpty() ? Notifier.BLACKHOLE : Notifier.fanOut(ports.notifiers());
    dispatcher =
        new AlertDispatcher(notifier, config.resendDelay(), config.settings().externalURL());
    staleMarker = new StaleSeriesMarker(ports.writer());
    if (cluster != null) {
      cluster.attach(dispatcher);
      cluster.attach(staleMarker);
    }
    // A slot may start up to a second late before it is given up for the next one.
    scheduler =
        cluster == null
            ? new QuartzGroupScheduler(config.evaluationThreads(), 1_000, clock, metrics)
            : new QuartzGroupScheduler(
                config.evaluationThreads(),
                1_000,
                clock,
                metrics,
                cluster.jobStore(),
                cluster.groupState());
    ruleExecutor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "rule");
              t.setDaemon(true);
              return t;
            });
    List<EvaluationListener> all = new ArrayList<>(List.of(staleMarker, dispatcher, firstRound));
    all.addAll(listeners);
    List<EvaluationListener> ls = List.copyOf(all);
    evaluated =
        (g, ev) -> {
          for (EvaluationListener l : ls) {
            try {
              l.evaluated(g, ev);
            } catch (RuntimeException e) {
              LOG.warn(
                  "evaluation listener {} failed for group {}: {}",
                  l.getClass().getSimpleName(),
                  g.spec().name(),
                  e.toString());
            }
          }
        };
    // in a cluster the shared store holds the alert state; each engine evaluates some groups only
    AlertStateRestorer.Restored restored = cluster == null ? restore(groups) : null;
    firstRound.expect(groups);
    filesLoadedAt = clock.instant();
    if (cluster != null) {
      scheduler.onForeignGroup(this::removedElsewhere);
    }
    RunningRules rules =
        new RunningRules(files, this::evaluator, new Schedule(), this::removed, metrics, clock);
    running = rules;
    rules.start(
        groups,
        spec -> rule -> restored == null ? AlertRuleState.empty() : restored.alertsOf(spec, rule));
    status.loaded(clock.instant(), true, groups.size() + " groups loaded", rules.snapshots());
    if (cluster != null) {
      readiness.requireAlso(cluster::reachable);
      readiness.noteAlso(this::drift);
    }
    if (restored != null || groups.isEmpty() || cluster != null) {
      readiness.markReady();
    }
    if (ports.notifiers().isEmpty()) {
      LOG.info(
          config.notifierBlackhole()
              ? "--notifier.blackhole: alerts are dispatched but not sent"
              : "no --notifier.url: alerts are not sent anywhere");
    }
    scheduler.start();
  }

  /**
   * Re-reads the rule files ({@code POST /-/reload}, SIGHUP); keeps the running rules on errors.
   */
  public Reloader.Result reload() {
    RunningRules r = running;
    if (r == null) {
      return Reloader.Result.failed("the engine has not started");
    }
    Instant before = filesLoadedAt;
    filesLoadedAt = clock.instant();
    RunningRules.Outcome outcome = r.reload();
    if (!outcome.success()) {
      filesLoadedAt = before;
    }
    status.loaded(clock.instant(), outcome.success(), outcome.message(), r.snapshots());
    return outcome.success()
        ? Reloader.Result.ok(outcome.message())
        : Reloader.Result.failed(outcome.message());
  }

  private AlertStateRestorer.Restored restore(List<GroupSpec> groups) {
    if (ports.remoteRead() == null) {
      return null;
    }
    AlertStateRestorer restorer =
        new AlertStateRestorer(ports.remoteRead(), config.remoteReadLookback());
    return restorer.restore(groups, clock.instant());
  }

  private GroupEvaluator evaluator(
      GroupSpec spec, Function<AlertingRuleSpec, AlertRuleState> initialAlerts) {
    return GroupEvaluator.builder(spec, ports.querier())
        .settings(config.settings())
        .writer(ports.writer())
        .metrics(metrics)
        .renderer(renderer)
        .clock(clock)
        .executor(ruleExecutor)
        .listener((g, ev) -> evaluated.evaluated(g, ev))
        .initialAlerts(initialAlerts)
        .instanceId(cluster == null ? null : cluster.instanceId())
        .build();
  }

  /**
   * A group a reload removed: resolve its alerts, mark its series stale. In a cluster one engine
   * does that, with the cluster's state of the group; the others only forget it.
   */
  private void removed(GroupSnapshot last, Instant at) {
    String key = last.spec().key();
    firstRound.forget(key);
    if (cluster == null) {
      dispatcher.groupRemoved(last.spec(), at);
      staleMarker.removed(last, at);
      return;
    }
    boolean claimed;
    try {
      claimed = removedElsewhere(key, at);
    } catch (RuntimeException e) {
      LOG.warn(
          "group {}: removal not recorded in the cluster: {}", last.spec().name(), e.getMessage());
      claimed = false;
    }
    if (!claimed) {
      dispatcher.forget(key);
      staleMarker.forget(key);
    }
  }

  /**
   * Cluster mode: a group this engine's files lack, last run with older files, is resolved here if
   * this engine claims it first.
   */
  private boolean removedElsewhere(String groupKey, Instant at) {
    if (!cluster.groupState().claimRemoved(groupKey, filesLoadedAt)) {
      return false;
    }
    Instant now = clock.instant();
    dispatcher.groupRemoved(groupKey, now);
    staleMarker.removed(groupKey, now);
    return true;
  }

  /**
   * Cluster mode, for {@code /-/ready}'s body: the groups the cluster runs with rule files loaded
   * after this engine's (its files differ; it leaves them to the others until a reload).
   */
  private List<String> drift() {
    QuartzGroupScheduler s = scheduler;
    if (s == null) {
      return List.of();
    }
    List<String> outdated =
        s.groups().values().stream()
            .filter(ScheduledGroup::outdated)
            .map(g -> g.evaluator().spec().name())
            .sorted()
            .toList();
    if (outdated.isEmpty()) {
      return List.of();
    }
    return List.of(
        "rule files differ from the cluster's: "
            + outdated.size()
            + " group(s) run by other engines with newer files, left to them until this engine's"
            + " files match (reload): "
            + String.join(", ", outdated));
  }

  /** Schedules on Quartz, with one log line per group. */
  private final class Schedule implements RunningRules.Schedule {
    @Override
    public void schedule(GroupEvaluator evaluator) {
      ScheduledGroup s = scheduler.schedule(evaluator);
      GroupSpec g = evaluator.spec();
      Slots slots = s.slots();
      LOG.info(
          "group \"{}\" ({}): {} rules, interval {}, phase {}, concurrency {}, first evaluation at {}",
          g.name(),
          g.file(),
          g.rules().size(),
          human(slots.interval()),
          human(slots.phase()),
          g.concurrency(),
          slots.atOrAfter(clock.instant()));
    }

    @Override
    public void unschedule(String groupKey) {
      scheduler.unschedule(groupKey);
    }
  }

  /** Marks the engine ready once every group of the start-up has finished an evaluation. */
  private final class FirstRound implements EvaluationListener {
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    void expect(List<GroupSpec> groups) {
      groups.forEach(g -> waiting.add(g.key()));
    }

    void forget(String key) {
      if (waiting.remove(key) && waiting.isEmpty()) {
        readiness.markReady();
      }
    }

    @Override
    public void evaluated(GroupSnapshot group, GroupEvaluation evaluation) {
      forget(group.spec().key());
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("stopping: waiting for running evaluations");
    if (scheduler != null) {
      scheduler.close();
      ruleExecutor.shutdown();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (ports != null) {
      for (Notifier n : ports.notifiers()) {
        closeQuietly(n, "notifier");
      }
      closeQuietly(ports.writer(), "remote write");
    }
    if (http != null) {
      http.close();
    }
    LOG.info("stopped");
  }

  private static void closeQuietly(Object o, String what) {
    if (o instanceof AutoCloseable c) {
      LOG.info("stopping: flushing {}", what);
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("{} flush failed: {}", what, e.toString());
      }
    }
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
