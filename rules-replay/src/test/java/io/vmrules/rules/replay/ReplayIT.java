package io.vmrules.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.promql.Dialect;
import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.RangeQuerier;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.validate.Validation;
import io.vmrules.testsupport.ExternalTool;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay against real VictoriaMetrics, held to {@code vmalert -replay} (the Debian package's 1.79):
 * a week of three synthetic counters at one minute, a chained pair of recording rules and two
 * alerts reading the first of them. vmalert and we each replay into a VictoriaMetrics of our own
 * loaded with the same data (chained rules read what the first rule wrote), and every written
 * series must have the same timestamps and values.
 *
 * <p>Intended differences, pinned here: vmalert 1.79 writes no {@code ALERTS_FOR_STATE} for a
 * {@code for: 0} alert (we write it for every active alert, as {@code rules run} does); vmalert
 * 1.79 starts every chunk's alerts afresh, so it runs as one chunk here while we use windows of
 * 1000 points and carry the state. {@code keep_firing_for}, which vmalert 1.79 rejects, is covered
 * by {@code ReplayTest}.
 */
class ReplayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RULES =
      """
      groups:
        - name: requests
          interval: 1m
          rules:
            - record: instance:replay_requests:rate5m
              expr: sum by (job, instance) (rate(replay_requests_total[5m]))
            - record: job:replay_requests:rate5m
              expr: sum by (job) (instance:replay_requests:rate5m)
            - alert: RequestsHigh
              expr: instance:replay_requests:rate5m > 1.5
              for: 10m
              labels:
                severity: warning
            - alert: RequestsVeryHigh
              expr: instance:replay_requests:rate5m > 1.6
      """;
  private static final Set<String> WRITTEN =
      Set.of(
          "instance:replay_requests:rate5m",
          "job:replay_requests:rate5m",
          "ALERTS",
          "ALERTS_FOR_STATE");

  private static Instant from;
  private static Instant to;
  private static String data;
  private static Path rules;
  private static List<GroupSpec> groups;
  @TempDir static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    to = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    from = to.minus(Duration.ofDays(7));
    data = counters(from.minus(Duration.ofHours(1)), to);
    rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    Validation.Outcome outcome =
        new Validation(Validation.Options.of(Dialect.METRICSQL)).validateFiles(List.of(rules));
    assertThat(outcome.report().errors()).isZero();
    groups = new ArrayList<>();
    for (LoadedFile f : outcome.files()) {
      for (LoadedGroup g : f.groups()) {
        groups.add(g.spec());
      }
    }
  }

  @AfterAll
  static void tearDown() {
    data = null;
  }

  /**
   * Three counters at one minute whose rates swing on periods of 6 to 8 hours between 1/3 and 5/3
   * per second, so the alerts fire a few dozen times in the week.
   */
  private static String counters(Instant start, Instant end) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      double value = 0;
      int period = 360 + 60 * i;
      long m = 0;
      for (Instant t = start; !t.isAfter(end); t = t.plus(Duration.ofMinutes(1)), m++) {
        value += Math.round(60 + 40 * Math.sin(2 * Math.PI * m / period));
        sb.append("replay_requests_total{job=\"api\",instance=\"i")
            .append(i)
            .append("\"} ")
            .append((long) value)
            .append(' ')
            .append(t.toEpochMilli())
            .append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void writesWhatVmalertReplayWritesAndAResumedReplayWritesTheSame() throws Exception {
    ExternalTool vmalert = ExternalTool.require("vmalert");
    try (VictoriaMetricsProcess theirs = VictoriaMetricsProcess.start();
        VictoriaMetricsProcess ours = VictoriaMetricsProcess.start();
        VictoriaMetricsProcess resumed = VictoriaMetricsProcess.start()) {
      for (VictoriaMetricsProcess vm : List.of(theirs, ours, resumed)) {
        vm.importPrometheus(data);
      }

      // vmalert 1.79 uses -datasource.queryStep as the range step: the group interval here
      Process p =
          new ProcessBuilder(
                  vmalert.path().toString(),
                  "-rule=" + rules,
                  "-datasource.url=" + theirs.url(),
                  "-remoteWrite.url=" + theirs.url(),
                  "-replay.timeFrom=" + from,
                  "-replay.timeTo=" + to,
                  "-replay.maxDatapointsPerQuery=20000",
                  "-replay.rulesDelay=3s",
                  "-remoteWrite.flushInterval=500ms",
                  "-datasource.queryStep=1m",
                  "-replay.disableProgressBar",
                  "-loggerLevel=ERROR")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("vmalert.log").toFile())
              .start();
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("vmalert.log"))).isZero();

      ReplaySummary summary =
          replay(
              ours,
              PrometheusApiQuerier.noDelay(ours.url(), HttpAuth.none(), Duration.ofSeconds(30)),
              from);
      assertThat(summary.complete()).isTrue();

      Map<String, Series> vm = export(theirs);
      Map<String, Series> we = export(ours);
      assertThat(we.keySet())
          .allMatch(
              k ->
                  !k.contains("RequestsVeryHigh")
                      || !k.startsWith("ALERTS_FOR_STATE")
                      || vm.keySet().stream()
                          .noneMatch(
                              o ->
                                  o.startsWith("ALERTS_FOR_STATE")
                                      && o.contains("RequestsVeryHigh")));
      Map<String, Series> comparable = new TreeMap<>(we);
      comparable
          .keySet()
          .removeIf(k -> k.startsWith("ALERTS_FOR_STATE{") && k.contains("RequestsVeryHigh"));
      assertThat(comparable.keySet()).isEqualTo(vm.keySet());
      for (String k : vm.keySet()) {
        assertSame(k, comparable.get(k), vm.get(k));
        assertThat(we.get(k).duplicates).as(k).isZero();
      }
      long firing =
          vm.keySet().stream().filter(k -> k.startsWith("ALERTS{") && k.contains("firing")).count();
      assertThat(firing).as("alerts that fired").isGreaterThan(2);
      assertThat(we.get("instance:replay_requests:rate5m{instance=i0,job=api}").points)
          .hasSize(7 * 1440 + 1);

      // an interrupted replay (the first alert's query fails from the fourth window on), resumed
      PrometheusApiQuerier real =
          PrometheusApiQuerier.noDelay(resumed.url(), HttpAuth.none(), Duration.ofSeconds(30));
      Instant breakAt = from.plus(Duration.ofMinutes(2500));
      RangeQuerier failing =
          q -> {
            if (q.expr().startsWith("instance:replay_requests:rate5m > 1.5")
                && !q.start().isBefore(breakAt)) {
              throw new QueryException("injected failure");
            }
            return real.queryRange(q);
          };
      ReplayStopped stop = assertThrows(ReplayStopped.class, () -> replay(resumed, failing, from));
      assertThat(stop.resumeFrom()).isEqualTo(from.plus(Duration.ofMinutes(3000)));
      // the rerun a user starts reads the alert state the stopped run wrote last: VictoriaMetrics
      // makes fresh samples searchable within seconds, and a person retyping the command is slower
      resumed.flush();
      replay(resumed, real, stop.resumeFrom());
      Map<String, Series> again = export(resumed);
      assertThat(again.keySet()).isEqualTo(we.keySet());
      for (String k : we.keySet()) {
        assertSame(k, again.get(k), we.get(k));
        // the recording rules ran before the failing alert in the stopped window: not written again
        assertThat(again.get(k).duplicateTimes).as(k).isEmpty();
      }
    }
  }

  private static ReplaySummary replay(
      VictoriaMetricsProcess vm, RangeQuerier querier, Instant start) throws Exception {
    try (RemoteWriteClient writer =
        new RemoteWriteClient(vm.url(), null, Duration.ofSeconds(30), 10_000)) {
      return Replay.builder(groups, querier, writer)
          .options(new Replay.Options(start, to, Duration.ofSeconds(30), 1000, 2))
          .settings(EvaluationSettings.defaults())
          .build()
          .run();
    }
  }

  /**
   * Same timestamps, and values equal to 1e-9 relative: a sum over several series in
   * VictoriaMetrics adds them in the order of their internal ids, which differ between two
   * databases the series were written to in a different order, and floating-point addition is not
   * associative (the chained rule differs in the twelfth digit).
   */
  private static void assertSame(String key, Series actual, Series expected) {
    assertThat(actual.points.keySet()).as(key).isEqualTo(expected.points.keySet());
    for (Map.Entry<Long, Double> e : expected.points.entrySet()) {
      double a = actual.points.get(e.getKey());
      assertThat(a)
          .as(key + " at " + Instant.ofEpochMilli(e.getKey()))
          .isCloseTo(
              e.getValue(), org.assertj.core.data.Offset.offset(Math.abs(e.getValue()) * 1e-9));
    }
  }

  /** A written series: its points by time, and how many of them came more than once. */
  private record Series(TreeMap<Long, Double> points, int duplicates, List<Long> duplicateTimes) {}

  /**
   * Every series replay writes, keyed by name and sorted labels, from the raw export (duplicates
   * kept).
   */
  private static Map<String, Series> export(VictoriaMetricsProcess vm) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(vm.url() + "/internal/force_flush")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    String match =
        URLEncoder.encode(
            "{__name__=~\"" + String.join("|", WRITTEN) + "\"}", StandardCharsets.UTF_8);
    r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(vm.url() + "/api/v1/export?match[]=" + match))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Series> out = new TreeMap<>();
    for (String line : r.body().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      TreeMap<String, String> labels = new TreeMap<>();
      n.path("metric")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      String name = labels.remove("__name__");
      List<String> parts = new ArrayList<>();
      labels.forEach((k, v) -> parts.add(k + "=" + v));
      String key = name + "{" + String.join(",", parts) + "}";
      Series s = out.computeIfAbsent(key, k -> new Series(new TreeMap<>(), 0, new ArrayList<>()));
      JsonNode ts = n.path("timestamps");
      JsonNode vs = n.path("values");
      int dup = 0;
      for (int i = 0; i < ts.size(); i++) {
        Double old = s.points.put(ts.get(i).asLong(), vs.get(i).asDouble());
        if (old != null) {
          dup++;
          s.duplicateTimes.add(ts.get(i).asLong());
        }
      }
      out.put(key, new Series(s.points, s.duplicates + dup, s.duplicateTimes));
    }
    return out;
  }
}
