package io.vmrules.dashboards;

import io.vmrules.dashboards.stack.Metrics;
import io.vmrules.dashboards.stack.Metrics.Engine;
import io.vmrules.dashboards.stack.Metrics.Probe;
import io.vmrules.dashboards.stack.Metrics.Prometheus;
import io.vmrules.dashboards.stack.Metrics.Recorded;
import io.vmrules.dashboards.stack.Metrics.Vm;
import io.vmrules.dashboards.stack.Metrics.Vmagent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sample series in the stack's label shape (design §7), as Prometheus text with timestamps: every
 * 15s for {@code minutes} up to {@code endMillis}. Counters grow, gauges hold, free disk shrinks.
 */
final class StackSample {
  private static final String STORAGE_REGION = "us-east-1";
  private static final List<String[]> CLUSTERS =
      List.of(
          new String[] {"dev", "ap-southeast-1", "ap-southeast-1-eks-01-dev"},
          new String[] {"prod", "us-east-1", "us-east-1-eks-01-prod"},
          new String[] {"prod", "us-east-1", "us-east-1-eks-02-prod"},
          new String[] {"prod", "eu-west-1", "eu-west-1-eks-01-prod"},
          new String[] {"prod", "ap-southeast-1", "ap-southeast-1-eks-01-prod"},
          new String[] {"prod", "us-east-1", "us-east-1-eks-01-prod-legacy"});
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1");

  private final StringBuilder out = new StringBuilder();
  private final long endMillis;
  private final int points;

  private StackSample(long endMillis, int minutes) {
    this.endMillis = endMillis;
    this.points = minutes * 4 + 1;
  }

  static String generate(long endMillis, int minutes) {
    StackSample s = new StackSample(endMillis, minutes);
    s.agents();
    s.probes();
    s.cluster();
    s.engine();
    s.receiver();
    return s.out.toString();
  }

  private void agents() {
    for (String[] c : CLUSTERS) {
      Map<String, String> l =
          labels("env", c[0], "region", c[1], "cluster", c[2], "storage_region", STORAGE_REGION);
      Map<String, String> agent =
          with(l, "job", Metrics.Jobs.VMAGENT, "instance", "vmagent-" + c[2] + ":8429");
      gauge("up", agent, 1);
      gauge("up", with(l, "job", "mock-exporter", "instance", "mock-exporter:2112"), 1);
      counter(Vmagent.SCRAPED_SAMPLES, agent, 1000);
      counter(Vmagent.SCRAPES_FAILED, agent, c[0].equals("dev") ? 1 : 0);
      gauge(Vmagent.TARGETS, with(agent, "status", "up", "type", "static_configs"), 3);
      gauge(
          Vmagent.TARGETS,
          with(agent, "status", "down", "type", "static_configs"),
          c[0].equals("dev") ? 1 : 0);
      counter(Vmagent.ROWS_SENT, agent, 990);
      counter(Vmagent.REQUESTS, with(agent, "url", "1:secret-url", "status_code", "204"), 10);
      counter(Vmagent.REQUESTS, with(agent, "url", "1:secret-url", "status_code", "500"), 0.1);
      gauge(Vmagent.PENDING_BYTES, with(agent, "url", "1:secret-url"), 2048);
      counter(Vmagent.SAMPLES_DROPPED, with(agent, "url", "1:secret-url"), 0.5);
      counter(Vmagent.RETRIES, with(agent, "url", "1:secret-url"), 0.2);
      counter(Vmagent.SEND_DURATION, with(agent, "url", "1:secret-url"), 0.05);
      gauge(Vmagent.QUEUE_BYTES_PENDING, with(agent, "path", "/tmp/vmagent"), 0);
      counter(Metrics.ProcessMetrics.CPU_SECONDS, agent, 0.2);
      gauge(Metrics.ProcessMetrics.RESIDENT_MEMORY, agent, 200e6);
      Map<String, String> svc = with(l, "service", "checkout");
      gauge(Recorded.HTTP_REQUESTS_RATE, svc, 100);
      gauge(Recorded.HTTP_ERRORS_RATE, svc, 1);
      gauge(Recorded.HTTP_P99, svc, 0.3);
      gauge(
          Metrics.ALERTS,
          with(l, "alertname", "HighHttpErrorRate", "alertstate", "firing", "service", "checkout"),
          1);
    }
  }

  private void probes() {
    for (String source : REGIONS) {
      for (String target : REGIONS) {
        if (source.equals(target)) {
          continue;
        }
        Map<String, String> l =
            labels(
                "env",
                "prod",
                "region",
                source,
                "cluster",
                source + "-eks-01-prod",
                "storage_region",
                STORAGE_REGION,
                "job",
                "blackbox",
                "instance",
                "https://ingress." + target + "/health",
                "source_region",
                source,
                "target_region",
                target);
        boolean failing = source.equals("ap-southeast-1") && target.equals("eu-west-1");
        gauge(Probe.SUCCESS, l, failing ? 0 : 1);
        gauge(Probe.DURATION, l, failing ? 10 : 0.25);
        gauge(Probe.HTTP_STATUS, l, failing ? 0 : 200);
        for (String phase : List.of("resolve", "connect", "tls", "processing", "transfer")) {
          gauge(Probe.HTTP_PHASE_DURATION, with(l, "phase", phase), 0.05);
        }
        gauge(
            Recorded.PROBE_SUCCESS_AVG,
            labels("source_region", source, "target_region", target),
            failing ? 0 : 1);
      }
    }
  }

  private void cluster() {
    Map<String, String> mon =
        labels(
            "env",
            "monitoring",
            "region",
            "us-east-1",
            "cluster",
            "monitoring",
            "storage_region",
            STORAGE_REGION);
    List<String> storages = List.of("vmstorage-1:8400", "vmstorage-2:8400");
    for (int n = 1; n <= 2; n++) {
      Map<String, String> insert =
          with(mon, "job", Metrics.Jobs.VMINSERT, "instance", "vminsert-" + n + ":8480");
      Map<String, String> select =
          with(mon, "job", Metrics.Jobs.VMSELECT, "instance", "vmselect-" + n + ":8481");
      Map<String, String> storage =
          with(mon, "job", Metrics.Jobs.VMSTORAGE, "instance", "vmstorage-" + n + ":8482");
      for (Map<String, String> m : List.of(insert, select, storage)) {
        gauge("up", m, 1);
        counter(Metrics.ProcessMetrics.CPU_SECONDS, m, 0.3);
        gauge(Metrics.ProcessMetrics.RESIDENT_MEMORY, m, 500e6);
      }
      counter(Vm.ROWS_INSERTED, with(insert, "type", "promremotewrite"), 2500);
      counter(Vm.ROWS_INCOMPLETELY_REPLICATED, insert, 0);
      for (String addr : storages) {
        counter(Vm.RPC_ROWS_SENT, with(insert, "addr", addr), 2500);
        gauge(Vm.STORAGE_REACHABLE, with(insert, "addr", addr), 1);
        gauge(Vm.STORAGE_REACHABLE, with(select, "addr", addr.replace("8400", "8401")), 1);
      }
      String path = "/select/{}/prometheus/api/v1/query_range";
      counter(Vm.HTTP_REQUESTS, with(select, "path", path), 5);
      counter(Vm.HTTP_ERRORS, with(select, "path", path), 0.01);
      gauge(Vm.REQUEST_DURATION, with(select, "path", path, "quantile", "0.99"), 0.12);
      counter(Vm.PARTIAL_RESULTS, with(select, "name", "select_query_range"), 0.001);
      gauge(Vm.CONCURRENT_SELECTS, select, 2);
      counter(Vm.SLOW_QUERIES, select, 0.001);
      shrinking(Vm.FREE_DISK, with(storage, "path", "/storage"), 50e9, 1e6);
      gauge(Vm.DATA_SIZE, with(storage, "type", "storage/big"), 3e9);
      gauge(Vm.DATA_SIZE, with(storage, "type", "indexdb/file"), 1e8);
      counter(Vm.ROWS_ADDED, storage, 2500);
      gauge(Vm.CACHE_ENTRIES, with(storage, "type", Vm.ACTIVE_SERIES_CACHE), 40000);
    }
  }

  private void engine() {
    Map<String, String> e =
        labels(
            "env",
            "monitoring",
            "region",
            "us-east-1",
            "cluster",
            "monitoring",
            "storage_region",
            STORAGE_REGION,
            "job",
            Metrics.Jobs.RULES_ENGINE,
            "instance",
            "rules-engine:8880");
    gauge("up", e, 1);
    for (String group : List.of("http-aggregates", "probe-aggregates", "stack-alerts")) {
      Map<String, String> g = with(e, "group", group);
      counter(Engine.ITERATIONS, g, 1 / 30.0);
      counter(Engine.ITERATIONS_MISSED, g, group.equals("stack-alerts") ? 0.001 : 0);
      for (String le : List.of("0.1", "1", "10", "+Inf")) {
        counter(
            Engine.ITERATION_DURATION_BUCKET,
            with(g, "le", le),
            le.equals("0.1") ? 0.01 : 1 / 30.0);
      }
      counter(Engine.EVALUATION_ERRORS, with(g, "rule", "rule-of-" + group), 0.001);
    }
    gauge(Engine.ALERTS, with(e, "state", "firing"), 2);
    gauge(Engine.ALERTS, with(e, "state", "pending"), 1);
    counter(Engine.NOTIFICATIONS_SENT, with(e, "notifier", "http://alertmanager:9093"), 0.1);
    counter(Engine.NOTIFICATION_ERRORS, with(e, "notifier", "http://alertmanager:9093"), 0.001);
    counter(Engine.RW_SAMPLES_SENT, e, 20);
    counter(Engine.RW_SAMPLES_DROPPED, e, 0);
    gauge(Engine.RW_QUEUE_SIZE, e, 5);
    gauge(Engine.RELOAD_SUCCESSFUL, e, 1);
    gauge(Engine.RELOAD_SUCCESS_TIME, e, (endMillis - 3_600_000) / 1000.0);
  }

  private void receiver() {
    Map<String, String> r =
        labels(
            "env",
            "prod",
            "region",
            "us-east-1",
            "cluster",
            "us-east-1-eks-01-prod-legacy",
            "storage_region",
            STORAGE_REGION,
            "job",
            "prometheus-receiver",
            "instance",
            "prometheus-receiver:9091");
    gauge(Prometheus.BUILD_INFO, with(r, "version", "2.53.0"), 1);
    counter(
        Prometheus.HTTP_REQUESTS, with(r, "handler", Prometheus.WRITE_HANDLER, "code", "204"), 2);
    gauge(Prometheus.HEAD_SERIES, r, 12000);
    counter(Prometheus.SAMPLES_APPENDED, r, 800);
    counter(Prometheus.OUT_OF_ORDER, r, 0.01);
    counter(Prometheus.OUT_OF_BOUNDS, r, 0);
  }

  private void gauge(String name, Map<String, String> labels, double value) {
    for (int i = 0; i < points; i++) {
      line(name, labels, value, i);
    }
  }

  private void counter(String name, Map<String, String> labels, double perSecond) {
    for (int i = 0; i < points; i++) {
      line(name, labels, 1000 + perSecond * 15 * i, i);
    }
  }

  private void shrinking(String name, Map<String, String> labels, double start, double perSecond) {
    for (int i = 0; i < points; i++) {
      line(name, labels, start - perSecond * 15 * i, i);
    }
  }

  private void line(String name, Map<String, String> labels, double value, int i) {
    long t = endMillis - (long) (points - 1 - i) * 15_000;
    String ls =
        labels.entrySet().stream()
            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
            .collect(Collectors.joining(","));
    out.append(name)
        .append('{')
        .append(ls)
        .append("} ")
        .append(value)
        .append(' ')
        .append(t)
        .append('\n');
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.putAll(labels(kv));
    return m;
  }
}
