package io.vmrules.rules.cli;

import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.online.OnlineChecks;
import io.vmrules.rules.online.OnlineOptions;
import io.vmrules.rules.online.PrometheusOnlineApi;
import io.vmrules.rules.online.RuleStats;
import io.vmrules.rules.validate.Validation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;

/**
 * The composition of {@code validate --datasource.url}: the datasource client with {@code rules
 * run}'s auth, TLS and timeout handling, and the online checks. Built only when the flag is given,
 * so a plain {@code validate} loads no HTTP library.
 */
final class OnlineRun implements ValidateArgs.Online {
  private final String url;
  private final HttpAuth auth;
  private final Duration timeout;
  private final OnlineOptions options;
  private final boolean stats;

  OnlineRun(String url, HttpAuth auth, Duration timeout, OnlineOptions options, boolean stats) {
    this.url = url;
    this.auth = auth;
    this.timeout = timeout;
    this.options = options;
    this.stats = stats;
  }

  @Override
  public Result check(List<LoadedFile> files, Validation.Options validation, PrintWriter err)
      throws InterruptedException {
    PrometheusOnlineApi api = new PrometheusOnlineApi(url, auth, timeout);
    OnlineChecks.Result r =
        new OnlineChecks(api, api.url(), options, validation, InstantSource.system()).check(files);
    err.println(
        String.format(
            Locale.ROOT,
            "online: %d rules checked against %s in %.2f s: %d questions, %d queries sent",
            r.rulesChecked(),
            api.url(),
            r.took().toMillis() / 1000.0,
            r.questions(),
            r.queriesSent()));
    if (stats) {
      printStats(r.stats(), err);
    }
    err.flush();
    return new Result(r.findings(), r.unreachable());
  }

  /** One line a rule, in file order: its alerts now and over the lookback, series read, time. */
  private static void printStats(List<RuleStats> stats, PrintWriter err) {
    err.println("online: alerts now / distinct over the lookback, series read, query time:");
    List<RuleStats> sorted = new java.util.ArrayList<>(stats);
    sorted.sort(
        java.util.Comparator.comparing(RuleStats::file)
            .thenComparing(RuleStats::group)
            .thenComparing(RuleStats::rule));
    for (RuleStats s : sorted) {
      err.println(
          String.format(
              Locale.ROOT,
              "  %s %s/%s: %s, %s series, %d ms",
              s.file(),
              s.group(),
              s.rule(),
              s.alertsNow() < 0
                  ? "recording"
                  : s.alertsNow() + " / " + s.alertsOverLookback() + " alerts",
              s.seriesFetched() < 0 ? "?" : Long.toString(s.seriesFetched()),
              s.took().toMillis()));
    }
  }
}
