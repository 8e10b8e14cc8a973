package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.ValueType;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MetricsQL verdicts against what a real VictoriaMetrics does when it runs the query: every
 * expression of the generated corpus is sent to {@code /api/v1/query} of a single-node with data
 * for every metric the corpus uses. We must reject exactly what VictoriaMetrics rejects, except
 * range-vector results, which VictoriaMetrics returns as a matrix but a rule cannot use, and errors
 * that depend on data or server limits (too many subquery points, an {@code @} expression that
 * returns no single series, many-to-many matches in the data).
 */
class MetricsqlSemanticsIT {
  private static final String[] METRICS = {
    "up", "http_requests_total", "node_cpu_seconds_total", "process_resident_memory_bytes",
        "go_goroutines",
    "queue_depth", "db_pool_connections_in_use", "cache_hits_total", "cache_misses_total",
        "probe_success",
    "job:http_requests:rate5m"
  };

  @Test
  void weRejectExactlyWhatVictoriaMetricsRejects() throws Exception {
    List<String> corpus = ConformanceIT.corpus(new CorpusGenerator(7, true));
    try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start()) {
      vm.importPrometheus(sampleData());
      List<String> disagreements = new ArrayList<>();
      int rangeResults = 0;
      int runtimeDependent = 0;
      int rejected = 0;
      for (String expr : corpus) {
        ParseResult ours = PromQL.check(expr, Dialect.METRICSQL);
        var response = vm.query(expr);
        int status = response.statusCode();
        boolean theyReject = status != 200;
        if (theyReject && RUNTIME_DEPENDENT.matcher(response.body()).find()) {
          runtimeDependent++; // depends on data or limits, not on the query text
          continue;
        }
        rejected += theyReject ? 1 : 0;
        if (ours.hasErrors() == theyReject) {
          continue;
        }
        if (!theyReject && ours.type() == null && isRangeResult(expr)) {
          rangeResults++;
          continue;
        }
        disagreements.add(
            (ours.hasErrors()
                    ? "we reject, VictoriaMetrics runs it: "
                    : "VictoriaMetrics rejects (" + status + "), we accept: ")
                + expr
                + " "
                + ours.diagnostics().stream().map(d -> d.code() + ": " + d.message()).toList()
                + " "
                + response.body().substring(Math.max(0, response.body().length() - 200)));
      }
      System.out.printf(
          "MetricsQL vs VictoriaMetrics execution: %d expressions, %d rejected by VictoriaMetrics, "
              + "%d of them for data or limits, %d range-vector results, %d disagreements%n",
          corpus.size(), rejected, runtimeDependent, rangeResults, disagreements.size());
      disagreements.stream().limit(40).forEach(d -> System.out.println("  " + d));
      assertThat(rejected).isPositive();
      assertThat(disagreements).isEmpty();
    }
  }

  /** Errors that depend on the data or the server's limits, not on the query text. */
  private static final java.util.regex.Pattern RUNTIME_DEPENDENT =
      java.util.regex.Pattern.compile(
          "too many points|must return a single series|duplicate time series");

  private static boolean isRangeResult(String expr) {
    return PromQL.check(expr, Dialect.METRICSQL).type() == ValueType.RANGE_VECTOR;
  }

  /**
   * Two hours of samples a minute apart for every metric, with the labels the corpus filters on.
   */
  private static String sampleData() {
    StringBuilder b = new StringBuilder();
    long now = System.currentTimeMillis();
    for (String metric : METRICS) {
      for (int t = 120; t >= 0; t--) {
        long ts = now - t * 60_000L;
        b.append(metric)
            .append(
                "{job=\"api\",instance=\"10.0.0.1:9100\",env=\"prod\",region=\"us-east-1\",status=\"500\"} ")
            .append(t * 3 + 1)
            .append(' ')
            .append(ts)
            .append('\n');
      }
    }
    for (String le : new String[] {"0.1", "0.5", "1", "+Inf"}) {
      for (int t = 120; t >= 0; t--) {
        b.append("http_request_duration_seconds_bucket{job=\"api\",le=\"")
            .append(le)
            .append("\"} ")
            .append(t * 10)
            .append(' ')
            .append(now - t * 60_000L)
            .append('\n');
      }
    }
    return b.toString();
  }
}
