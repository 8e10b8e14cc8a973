package io.vmrules.rules.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.validate.Validation;
import io.vmrules.testsupport.FreePort;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The online checks against a real VictoriaMetrics holding series in the stack's label shape
 * ({@code env}, {@code region}, {@code cluster}, {@code storage_region}): one case per check, the
 * seed's disk alert among them.
 */
class OnlineChecksIT {
  private static final String[][] CLUSTERS = {
    {"prod", "us-east-1", "us-east-1-eks-01-prod"},
    {"prod", "us-east-1", "us-east-1-eks-02-prod"},
    {"prod", "eu-west-1", "eu-west-1-eks-01-prod"},
    {"prod", "ap-southeast-1", "ap-southeast-1-eks-01-prod"},
    {"dev", "ap-southeast-1", "ap-southeast-1-eks-01-dev"},
  };
  private static VictoriaMetricsProcess vm;

  @BeforeAll
  static void load() throws Exception {
    vm = VictoriaMetricsProcess.start();
    StringBuilder b = new StringBuilder();
    long now = System.currentTimeMillis() / 1000;
    for (long t = now - 600; t <= now; t += 30) {
      for (String[] c : CLUSTERS) {
        String stack =
            "env=\""
                + c[0]
                + "\",region=\""
                + c[1]
                + "\",cluster=\""
                + c[2]
                + "\",storage_region=\"us-east-1\"";
        for (String job : List.of("api", "checkout", "vmagent")) {
          sample(b, "up", stack + ",job=\"" + job + "\",instance=\"" + job + ":8080\"", 1, t);
        }
        for (String status : List.of("200", "500")) {
          sample(
              b,
              "http_requests_total",
              stack + ",service=\"checkout\",status=\"" + status + "\"",
              t - now + 1000,
              t);
        }
        // the seed stack's disk metrics: their label sets never match
        String storage = stack + ",job=\"vmstorage\",instance=\"vmstorage-1:8482\"";
        sample(b, "vm_free_disk_space_bytes", storage + ",path=\"/storage\"", 5e9, t);
        sample(b, "vm_data_size_bytes", storage + ",type=\"storage/big\"", 1e9, t);
        sample(b, "vm_data_size_bytes", storage + ",type=\"indexdb\"", 1e8, t);
        for (int p = 0; p < 30; p++) {
          sample(b, "hikaricp_connections_pending", stack + ",pool=\"pool-" + p + "\"", 20, t);
        }
      }
    }
    vm.importPrometheus(b.toString());
  }

  private static void sample(StringBuilder b, String name, String labels, double v, long t) {
    b.append(name).append('{').append(labels).append("} ").append(v).append(' ').append(t * 1000);
    b.append('\n');
  }

  @AfterAll
  static void stop() throws Exception {
    if (vm != null) {
      vm.close();
    }
  }

  private static OnlineChecks.Result check(String rules) throws Exception {
    return check(rules, OnlineOptions.defaults(), false, vm.url());
  }

  private static OnlineChecks.Result check(
      String rules, OnlineOptions options, boolean strict, String url) throws Exception {
    Validation.Options v =
        new Validation.Options(Dialect.METRICSQL, strict, Set.of(), Duration.ofMinutes(1));
    Validation.Outcome outcome =
        new Validation(v).validate(Map.of("rules.yml", rules.getBytes(StandardCharsets.UTF_8)));
    PrometheusOnlineApi api = new PrometheusOnlineApi(url, HttpAuth.none(), Duration.ofSeconds(10));
    return new OnlineChecks(api, api.url(), options, v, InstantSource.system())
        .check(outcome.files());
  }

  private static String alert(String expr) {
    return alert(expr, "x");
  }

  private static String alert(String expr, String summary) {
    return "groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: A\n        expr: "
        + expr
        + "\n        annotations:\n          summary: \""
        + summary
        + "\"\n";
  }

  @Test
  void seedDiskAlertIsAVectorMatchingWarningAtTheDivision() throws Exception {
    OnlineChecks.Result r = check(alert("vm_free_disk_space_bytes / vm_data_size_bytes < 0.1"));
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo(OnlineCodes.VECTOR_MATCHING);
    assertThat(f.severity()).isEqualTo(Finding.Level.WARNING);
    assertThat(f.line()).isEqualTo(6);
    assertThat(f.column()).isEqualTo(15 + "vm_free_disk_space_bytes ".length());
    assertThat(f.message())
        .contains("only the left side has path")
        .contains("only the right side has type")
        .contains("path=\"/storage\"")
        .contains("type=\"")
        .contains("ignoring(path, type) would match them");
  }

  @Test
  void matchingOnSharedLabelsIsFine() throws Exception {
    OnlineChecks.Result r =
        check(
            alert(
                "sum by (instance) (vm_free_disk_space_bytes) / on (instance) sum by (instance)"
                    + " (vm_data_size_bytes) < 0.1"));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aComparisonBetweenSeriesThatMatchButNeverHoldIsNotAMatchingProblem() throws Exception {
    OnlineChecks.Result r =
        check(alert("sum by (cluster) (up) > on (cluster) sum by (cluster) (up) * 10"));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void valuesThatNeverMeetOnTheMatchingLabelsAreNamed() throws Exception {
    String expr =
        "sum by (cluster) (up{env=\"dev\"}) / on (cluster) sum by (cluster) (up{env=\"prod\"})";
    OnlineChecks.Result r = check(alert(expr));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.VECTOR_MATCHING);
              assertThat(f.column()).isEqualTo(15 + expr.indexOf("/ on"));
              assertThat(f.message())
                  .contains("no pair matches on(cluster)")
                  .contains("cluster differs (left \"ap-southeast-1-eks-01-dev\", right \"");
            });
  }

  @Test
  void aDisableCommentOrFlagTurnsAnOnlineCodeOff() throws Exception {
    String rules =
        alert("nope_total > 0")
            .replace(
                "      - alert: A",
                "      # rules: disable online.series-missing\n      - alert: A");
    assertThat(check(rules).findings()).isEmpty();
    Validation.Options v =
        new Validation.Options(
            Dialect.METRICSQL, false, Set.of(OnlineCodes.SERIES_MISSING), Duration.ofMinutes(1));
    Validation.Outcome outcome =
        new Validation(v)
            .validate(Map.of("r.yml", alert("nope_total > 0").getBytes(StandardCharsets.UTF_8)));
    PrometheusOnlineApi api =
        new PrometheusOnlineApi(vm.url(), HttpAuth.none(), Duration.ofSeconds(10));
    assertThat(
            new OnlineChecks(api, api.url(), OnlineOptions.defaults(), v, InstantSource.system())
                .check(outcome.files())
                .findings())
        .isEmpty();
  }

  @Test
  void groupAndRuleLabelsCountAsTemplateLabels() throws Exception {
    String rules =
        "groups:\n  - name: g\n    labels: {team: db}\n    rules:\n      - alert: A\n"
            + "        expr: sum by (cluster) (up) > 0\n        labels: {severity: page}\n"
            + "        annotations:\n          summary: \"{{ $labels.team }} {{ $labels.severity }}"
            + " {{ $labels.alertname }} {{ $labels.cluster }}\"\n";
    assertThat(check(rules).findings()).isEmpty();
  }

  @Test
  void aMetricThatDoesNotExistIsNamedWithTheClosestOne() throws Exception {
    OnlineChecks.Result r = check(alert("sum(rate(http_request_total[5m])) > 0"));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.SERIES_MISSING);
              assertThat(f.column()).isEqualTo(15 + "sum(rate(".length());
              assertThat(f.message())
                  .contains("no metric named http_request_total")
                  .contains("did you mean http_requests_total?");
            });
  }

  @Test
  void theSeedsClusterRegexIsTheMatcherThatRemovesEverySeries() throws Exception {
    String expr = "up{job=\"api\", cluster=~\"us-east-1-prod-eks-.*\"} == 0";
    OnlineChecks.Result r = check(alert(expr));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.SERIES_MISSING);
              assertThat(f.column()).isEqualTo(15 + expr.indexOf("cluster"));
              assertThat(f.message())
                  .contains("up has series, but none with cluster=~\"us-east-1-prod-eks-.*\"")
                  .contains("cluster has \"ap-southeast-1-eks-01-dev\"");
            });
  }

  @Test
  void filtersThatMatchAloneButNotTogetherAreNamed() throws Exception {
    String expr = "up{env=\"dev\", region=\"us-east-1\"} == 0";
    OnlineChecks.Result r = check(alert(expr));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.column()).isEqualTo(15 + expr.indexOf("region"));
              assertThat(f.message())
                  .contains("none has region=\"us-east-1\" together with env=\"dev\"");
            });
  }

  @Test
  void aTemplateLabelTheResultLacks() throws Exception {
    OnlineChecks.Result r =
        check(alert("sum by (cluster) (up) > 0", "{{ $labels.cluster }}: {{ $labels.instance }}"));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.TEMPLATE_LABEL);
              assertThat(f.line()).isEqualTo(8);
              assertThat(f.column()).isEqualTo(21 + "{{ $labels.cluster }}: {{ ".length());
              assertThat(f.message()).contains("$labels.instance").contains("they have cluster");
            });
  }

  @Test
  void tooManyAlertsNowAndOverTheLookback() throws Exception {
    OnlineChecks.Result r = check(alert("hikaricp_connections_pending > 10"));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.ALERTS_COUNT);
              assertThat(f.message()).contains("150 alerts now, 150 distinct over the last 1h");
            });
  }

  @Test
  void aQueryReadingMoreSeriesThanTheLimit() throws Exception {
    OnlineOptions o = new OnlineOptions(Duration.ofHours(1), 2, 1000, 100, 200);
    String rules =
        "groups:\n  - name: g\n    rules:\n      - record: pool:pending:sum\n"
            + "        expr: sum(hikaricp_connections_pending)\n";
    OnlineChecks.Result r = check(rules, o, false, vm.url());
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.QUERY_COST);
              assertThat(f.message())
                  .contains("reads 150 series, more than --online.maxSeries=100");
            });
  }

  @Test
  void anUnreachableDatasourceIsOneError() throws Exception {
    String rules =
        alert("up == 0") + alert("up == 1").replace("groups:\n", "").replace("name: g", "name: h");
    OnlineChecks.Result r =
        check(rules, OnlineOptions.defaults(), false, "http://127.0.0.1:" + FreePort.pick());
    assertThat(r.unreachable()).isTrue();
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.UNREACHABLE);
              assertThat(f.isError()).isTrue();
              assertThat(f.message()).contains("cannot connect");
            });
    assertThat(r.queriesSent()).isEqualTo(1);
  }

  @Test
  void graphiteGroupsAreSkipped() throws Exception {
    String rules =
        "groups:\n  - name: g\n    type: graphite\n    rules:\n      - alert: G\n"
            + "        expr: absent.metric.name\n        annotations: {summary: x}\n";
    OnlineChecks.Result r = check(rules);
    assertThat(r.findings()).isEmpty();
    assertThat(r.rulesChecked()).isZero();
    assertThat(r.queriesSent()).isEqualTo(1); // the reachability probe only
  }

  @Test
  void aMissingSelectorUnderAbsentMakesTheRuleAlwaysFire() throws Exception {
    OnlineChecks.Result r = check(alert("absent(up{job=\"nodes\"})"));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .contains(
                      "up has series, but none with job=\"nodes\"; job has \"api\", \"checkout\", \"vmagent\"")
                  .endsWith("so absent() is always 1 and the rule always fires");
            });
  }

  @Test
  void strictMakesFindingsErrors() throws Exception {
    OnlineChecks.Result r =
        check(alert("nope_total > 0"), OnlineOptions.defaults(), true, vm.url());
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.isError()).isTrue());
  }

  @Test
  void goodRulesHaveNoFindingsAndShareTheirQuestions() throws Exception {
    StringBuilder rules =
        new StringBuilder("groups:\n  - name: g\n    interval: 30s\n    rules:\n");
    for (int i = 0; i < 20; i++) {
      rules
          .append("      - alert: A")
          .append(i)
          .append(
              "\n        expr: sum by (env, cluster) (rate(http_requests_total{status=~\"5..\"}[5m]))")
          .append(" / sum by (env, cluster) (rate(http_requests_total[5m])) > ")
          .append(i / 100.0)
          .append("\n        annotations: {summary: \"{{ $labels.cluster }}\"}\n");
    }
    OnlineChecks.Result r = check(rules.toString());
    assertThat(r.findings()).isEmpty();
    assertThat(r.rulesChecked()).isEqualTo(20);
    // 40 selectors; each rule's own range query is its only question not shared
    assertThat(r.queriesSent()).isLessThan(40);
    assertThat(r.questions()).isGreaterThan(r.queriesSent());
  }
}
