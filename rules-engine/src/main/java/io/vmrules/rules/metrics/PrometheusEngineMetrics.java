package io.vmrules.rules.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.notify.NotifierMetrics;
import io.vmrules.rules.remotewrite.RemoteWriteMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The engine's self-metrics (prefix {@code vmrules_}) in a registry of its own (no process-wide
 * state), exposed on {@code /metrics}.
 */
public final class PrometheusEngineMetrics implements EngineMetrics {
  private final PrometheusRegistry registry;
  private final Counter iterations;
  private final Counter missed;
  private final Histogram iterationDuration;
  private final Counter ruleEvaluations;
  private final Counter ruleErrors;
  private final Gauge alerts;
  private final Counter notificationsSent;
  private final Counter notificationErrors;
  private final Counter notificationsDropped;
  private final Gauge notificationQueue;
  private final Counter rwSent;
  private final Counter rwDropped;
  private final Gauge rwQueue;
  private final Counter rwErrors;
  private final Counter reloads;
  private final Gauge reloadSuccess;
  private final Gauge reloadTime;
  private final Gauge outdated;
  private final Histogram clusterState;

  public PrometheusEngineMetrics() {
    this(new PrometheusRegistry());
  }

  public PrometheusEngineMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    iterations =
        Counter.builder()
            .name("vmrules_group_iterations_total")
            .help("Group evaluations completed.")
            .labelNames("group")
            .register(registry);
    missed =
        Counter.builder()
            .name("vmrules_group_iterations_missed_total")
            .help(
                "Scheduled group evaluations that did not run (the previous one overran, or the scheduler was late).")
            .labelNames("group")
            .register(registry);
    iterationDuration =
        Histogram.builder()
            .name("vmrules_group_iteration_duration_seconds")
            .help("How long group evaluations take.")
            .labelNames("group")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .register(registry);
    ruleEvaluations =
        Counter.builder()
            .name("vmrules_rule_evaluations_total")
            .help("Rule evaluations.")
            .labelNames("group")
            .register(registry);
    ruleErrors =
        Counter.builder()
            .name("vmrules_rule_evaluation_errors_total")
            .help("Failed rule evaluations (query errors, limits, duplicate label sets).")
            .labelNames("group", "rule")
            .register(registry);
    alerts =
        Gauge.builder()
            .name("vmrules_alerts")
            .help("Alerts by group and state after the latest evaluation.")
            .labelNames("group", "state")
            .register(registry);
    notificationsSent =
        Counter.builder()
            .name("vmrules_notifications_sent_total")
            .help("Alerts sent to notifiers.")
            .labelNames("notifier")
            .register(registry);
    notificationErrors =
        Counter.builder()
            .name("vmrules_notification_errors_total")
            .help("Failed requests to notifiers.")
            .labelNames("notifier")
            .register(registry);
    notificationsDropped =
        Counter.builder()
            .name("vmrules_notifications_dropped_total")
            .help("Alerts given up for a notifier: its queue was full, or it rejected them.")
            .labelNames("notifier")
            .register(registry);
    notificationQueue =
        Gauge.builder()
            .name("vmrules_notifier_queue_size")
            .help("Alerts waiting to be sent to a notifier.")
            .labelNames("notifier")
            .register(registry);
    rwSent =
        Counter.builder()
            .name("vmrules_remote_write_samples_sent_total")
            .help("Samples accepted by the remote-write endpoint.")
            .register(registry);
    rwDropped =
        Counter.builder()
            .name("vmrules_remote_write_samples_dropped_total")
            .help("Samples dropped: queue full, rejected, or retries exhausted.")
            .register(registry);
    rwQueue =
        Gauge.builder()
            .name("vmrules_remote_write_queue_size")
            .help("Samples waiting to be sent.")
            .register(registry);
    rwErrors =
        Counter.builder()
            .name("vmrules_remote_write_request_errors_total")
            .help("Failed remote-write requests (each retry counts).")
            .register(registry);
    reloads =
        Counter.builder()
            .name("vmrules_config_reloads_total")
            .help("Configuration loads by result.")
            .labelNames("result")
            .register(registry);
    reloadSuccess =
        Gauge.builder()
            .name("vmrules_config_last_reload_successful")
            .help("1 when the latest configuration load succeeded.")
            .register(registry);
    reloadTime =
        Gauge.builder()
            .name("vmrules_config_last_reload_success_timestamp_seconds")
            .help("When the configuration was last loaded successfully.")
            .register(registry);
    outdated =
        Gauge.builder()
            .name("vmrules_cluster_group_outdated")
            .help(
                "Cluster mode: 1 while this engine leaves the group to engines whose rule files for it"
                    + " are different and newer (reload this engine's files).")
            .labelNames("group")
            .register(registry);
    clusterState =
        Histogram.builder()
            .name("vmrules_cluster_state_seconds")
            .help(
                "Cluster mode: how long reading (op=load) and writing (op=store) a group's shared"
                    + " state takes, decoding and encoding included.")
            .labelNames("op")
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
            .register(registry);
  }

  @Override
  public void sharedStateTimed(String op, Duration took) {
    clusterState.labelValues(op).observe(took.toNanos() / 1e9);
  }

  @Override
  public void groupOutdated(String group, boolean isOutdated) {
    outdated.labelValues(group).set(isOutdated ? 1 : 0);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void iterationCompleted(String group, Duration duration) {
    iterations.labelValues(group).inc();
    iterationDuration.labelValues(group).observe(duration.toNanos() / 1e9);
  }

  @Override
  public void iterationsMissed(String group, long count) {
    missed.labelValues(group).inc(count);
  }

  @Override
  public void rulesEvaluated(String group, int count) {
    ruleEvaluations.labelValues(group).inc(count);
  }

  @Override
  public void ruleEvaluationFailed(String group, String rule) {
    ruleErrors.labelValues(group, rule).inc();
  }

  @Override
  public void alertsInGroup(String group, Map<AlertState, Integer> countByState) {
    countByState.forEach((state, n) -> alerts.labelValues(group, state.label()).set(n));
  }

  @Override
  public void groupScheduled(String group, List<String> rules) {
    iterations.labelValues(group);
    missed.labelValues(group);
    ruleEvaluations.labelValues(group);
    for (String rule : rules) {
      ruleErrors.labelValues(group, rule);
    }
  }

  @Override
  public void groupRemoved(String group) {
    for (AlertState s : AlertState.values()) {
      alerts.remove(group, s.label());
    }
  }

  /** The notifiers' port, labelled by Alertmanager URL. */
  public NotifierMetrics notifierMetrics() {
    return new NotifierMetrics() {
      @Override
      public void added(String url) {
        notificationsSent.labelValues(url);
        notificationErrors.labelValues(url);
        notificationsDropped.labelValues(url);
        notificationQueue.labelValues(url).set(0);
      }

      @Override
      public void sent(String url, int count) {
        notificationsSent.labelValues(url).inc(count);
      }

      @Override
      public void requestFailed(String url) {
        notificationErrors.labelValues(url).inc();
      }

      @Override
      public void dropped(String url, int count) {
        notificationsDropped.labelValues(url).inc(count);
      }

      @Override
      public void queueSize(String url, int size) {
        notificationQueue.labelValues(url).set(size);
      }
    };
  }

  /** The remote writer's port. */
  public RemoteWriteMetrics remoteWriteMetrics() {
    return new RemoteWriteMetrics() {
      @Override
      public void samplesSent(long count) {
        rwSent.inc(count);
      }

      @Override
      public void samplesDropped(long count) {
        rwDropped.inc(count);
      }

      @Override
      public void queueSize(int size) {
        rwQueue.set(size);
      }

      @Override
      public void requestFailed() {
        rwErrors.inc();
      }
    };
  }

  @Override
  public void configReloaded(boolean success, Instant at) {
    reloads.labelValues(success ? "success" : "failure").inc();
    reloadSuccess.set(success ? 1 : 0);
    if (success) {
      reloadTime.set(at.toEpochMilli() / 1000.0);
    }
  }
}
