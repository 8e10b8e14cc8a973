package io.vmrules.rules.run;

import io.vmrules.rules.api.HttpApiServer;
import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.AnnotationRenderer;
import io.vmrules.rules.eval.EvaluationListener;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.PlaceholderRenderer;
import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.SeriesWriter;
import io.vmrules.rules.metrics.PrometheusEngineMetrics;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import io.vmrules.rules.schedule.QuartzGroupScheduler;
import io.vmrules.rules.schedule.ScheduledGroup;
import io.vmrules.rules.schedule.Slots;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code rules run}: builds the querier, the writer, the metrics, the HTTP
 * endpoint and one evaluator per group, and schedules them. {@link #close} stops scheduling, waits
 * for running evaluations, flushes the writer and stops the HTTP endpoint, in that order.
 */
public final class RuleEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

  private final EngineConfig config;
  private final InstantSource clock;
  private final PrometheusEngineMetrics metrics;
  private final Querier querier;
  private final SeriesWriter writer;
  private final QuartzGroupScheduler scheduler;
  private final ExecutorService ruleExecutor;
  private final HttpApiServer http;
  private final List<EvaluationListener> listeners = new ArrayList<>();
  private final AnnotationRenderer renderer;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  public RuleEngine(EngineConfig config) throws IOException {
    this(config, InstantSource.system(), new PlaceholderRenderer());
  }

  public RuleEngine(EngineConfig config, InstantSource clock, AnnotationRenderer renderer) throws IOException {
    this.config = config;
    this.clock = clock;
    this.renderer = renderer;
    this.metrics = new PrometheusEngineMetrics();
    this.querier = new PrometheusApiQuerier(config.datasourceUrl(), config.datasourceAuth(), config.queryTimeout());
    this.writer =
        config.remoteWriteUrl() == null
            ? SeriesWriter.DISCARD
            : new RemoteWriteSeriesWriter(config.remoteWriteUrl(), config.remoteWriteAuth(), config.remoteWrite(), metrics);
    // A slot may start up to a second late before it is given up for the next one.
    this.scheduler = new QuartzGroupScheduler(config.evaluationThreads(), 1_000, clock, metrics);
    this.ruleExecutor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "rule");
      t.setDaemon(true);
      return t;
    });
    this.http = config.httpListenAddr() == null ? null : new HttpApiServer(config.httpListenAddr(), metrics.registry(), ready::get);
  }

  /** Told of every group evaluation (the notifier, the API); add before {@link #start}. */
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

  public QuartzGroupScheduler scheduler() {
    return scheduler;
  }

  /** Builds and schedules the groups, then starts evaluating and serving. */
  public void start(List<GroupSpec> groups) {
    if (http != null) {
      http.start();
    }
    List<EvaluationListener> ls = List.copyOf(listeners);
    EvaluationListener fanOut = (g, ev) -> ls.forEach(l -> l.evaluated(g, ev));
    Instant now = clock.instant();
    for (GroupSpec g : groups) {
      GroupEvaluator e =
          GroupEvaluator.builder(g, querier)
              .settings(config.settings())
              .writer(writer)
              .metrics(metrics)
              .renderer(renderer)
              .clock(clock)
              .executor(ruleExecutor)
              .listener(fanOut)
              .build();
      ScheduledGroup s = scheduler.schedule(e);
      Slots slots = s.slots();
      LOG.info("group \"{}\" ({}): {} rules, interval {}, phase {}, concurrency {}, first evaluation at {}",
          g.name(), g.file(), g.rules().size(), human(slots.interval()), human(slots.phase()),
          g.concurrency(), slots.atOrAfter(now));
    }
    scheduler.start();
    ready.set(true);
    metrics.configReloaded(true, now);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ready.set(false);
    LOG.info("stopping: waiting for running evaluations");
    scheduler.close();
    ruleExecutor.shutdown();
    if (writer instanceof AutoCloseable c) {
      LOG.info("stopping: flushing remote write");
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("remote write flush failed: {}", e.toString());
      }
    }
    if (http != null) {
      http.close();
    }
    LOG.info("stopped");
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
