package io.vmrules.rules.run;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.ui.StatusInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers the status page's facts: the configuration, the rule files as last loaded, and the
 * notifier and remote-write counters read back from the engine's own self-metrics (one source for
 * {@code /metrics} and the page).
 */
final class EngineStatus {
  private final EngineConfig config;
  private final PrometheusRegistry registry;
  private volatile Instant startedAt;
  private volatile List<StatusInfo.RuleFile> files = List.of();
  private volatile StatusInfo.Reload lastReload;

  EngineStatus(EngineConfig config, PrometheusRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  void started(Instant at) {
    this.startedAt = at;
  }

  /** Records a (re)load: its outcome and, when it succeeded, the running groups' files. */
  void loaded(Instant at, boolean success, String message, List<GroupSnapshot> groups) {
    lastReload = new StatusInfo.Reload(at, success, message);
    if (success) {
      Set<String> paths = new LinkedHashSet<>();
      for (GroupSnapshot g : groups) {
        paths.add(g.spec().file());
      }
      List<StatusInfo.RuleFile> hashed = new ArrayList<>();
      for (String p : paths) {
        hashed.add(new StatusInfo.RuleFile(p, sha256(Path.of(p))));
      }
      files = List.copyOf(hashed);
    }
  }

  StatusInfo get() {
    MetricSnapshots metrics = registry.scrape();
    List<StatusInfo.Flag> flags = new ArrayList<>();
    for (Map.Entry<String, String> f : config.ui().flags().entrySet()) {
      flags.add(new StatusInfo.Flag(f.getKey(), f.getValue()));
    }
    List<StatusInfo.NotifierQueue> notifiers = new ArrayList<>();
    // one series per Alertmanager, labelled with its URL as the notifier shows it (no secrets)
    for (String url : labelValues(metrics, "vmrules_notifications_sent", "notifier")) {
      notifiers.add(
          new StatusInfo.NotifierQueue(
              url,
              value(metrics, "vmrules_notifications_sent", "notifier", url),
              value(metrics, "vmrules_notification_errors", "notifier", url),
              value(metrics, "vmrules_notifications_dropped", "notifier", url),
              value(metrics, "vmrules_notifier_queue_size", "notifier", url)));
    }
    StatusInfo.RemoteWriteQueue rw =
        config.remoteWrite() == null
            ? null
            : new StatusInfo.RemoteWriteQueue(
                HttpAuth.redactUrl(config.remoteWrite().url()),
                value(metrics, "vmrules_remote_write_samples_sent", null, null),
                value(metrics, "vmrules_remote_write_samples_dropped", null, null),
                value(metrics, "vmrules_remote_write_request_errors", null, null),
                value(metrics, "vmrules_remote_write_queue_size", null, null));
    return new StatusInfo(
        config.ui().version(), startedAt, flags, files, lastReload, notifiers, rw);
  }

  /** A counter's or gauge's value (label {@code name=value}, or the only series); 0 when absent. */
  private static long value(MetricSnapshots metrics, String name, String label, String value) {
    for (MetricSnapshot m : metrics) {
      String n = m.getMetadata().getName();
      if (!n.equals(name) && !n.equals(name + "_total")) {
        continue;
      }
      for (DataPointSnapshot p : m.getDataPoints()) {
        if (label != null && !value.equals(p.getLabels().get(label))) {
          continue;
        }
        if (p instanceof CounterSnapshot.CounterDataPointSnapshot c) {
          return (long) c.getValue();
        }
        if (p instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
          return (long) g.getValue();
        }
      }
    }
    return 0;
  }

  private static List<String> labelValues(MetricSnapshots metrics, String name, String label) {
    List<String> values = new ArrayList<>();
    for (MetricSnapshot m : metrics) {
      String n = m.getMetadata().getName();
      if (n.equals(name) || n.equals(name + "_total")) {
        for (DataPointSnapshot p : m.getDataPoints()) {
          String v = p.getLabels().get(label);
          if (v != null && !values.contains(v)) {
            values.add(v);
          }
        }
      }
    }
    return values;
  }

  private static String sha256(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
