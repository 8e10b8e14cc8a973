package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.online.OnlineOptions;
import io.vmrules.rules.report.ReportFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rules validate}: check rule files for CI; design §5 is its contract. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Check Prometheus/vmalert rule files: YAML structure, every expression (parsed and "
          + "type-checked as PromQL or MetricsQL), lints and checks across rules, and report every "
          + "problem with file:line:column.",
      "",
      "A '# rules: disable CODE[,CODE]' comment above a rule turns codes off for that rule.",
      "",
      "Online checks, with --datasource.url: ask a live VictoriaMetrics (or",
      "Prometheus) whether each rule can ever work. Warnings (errors under --strict)",
      "at the selector, filter or operator; graphite and vlogs groups are skipped;",
      "every distinct question is asked once and its answer shared between rules.",
      "  online.series-missing   a selector has no series in the lookback, and why:",
      "      no metric of that name (did you mean), or a filter removes every series:",
      "      up{job=\"nodes\"}: up has series, but none with job=\"nodes\";",
      "      job has \"node\", \"vmagent\"",
      "  online.vector-matching  both sides have series, but no pair ever matches:",
      "      vm_free_disk_space_bytes / vm_data_size_bytes: only the left side has",
      "      path; only the right side has type; ignoring(path, type) would match them",
      "  online.template-label   a template uses $labels.X, the result has no X:",
      "      summary: '{{ $labels.instance }}' over sum by (cluster) (up) > 0",
      "  online.alerts-count     more than --online.maxAlerts alerts now or over the",
      "      lookback (a range query at the group's interval), or the group's limit",
      "  online.query-cost       one evaluation reads more than --online.maxSeries",
      "      series, or the datasource refused or timed out the query",
      "      (--online.stats prints each rule's alerts, series read and query time)",
      "  online.unreachable      the datasource cannot be reached or refuses us",
      "      (connection, TLS, 401/403, 404, 5xx): one error, exit status 2",
      "",
      "Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage or I/O problem "
          + "(or the datasource unreachable)."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Rule files, directories (searched recursively for *.yml, *.yaml, *.rules) or globs.")
  List<String> paths;

  @Option(
      names = "--dialect",
      paramLabel = "metricsql|promql",
      defaultValue = "metricsql",
      description =
          "Query language of the expressions (default: ${DEFAULT-VALUE}; rules run against vmselect).")
  Dialect dialect;

  @Option(
      names = "--format",
      paramLabel = "text|json|github|junit|sarif",
      defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Option(
      names = "--disable",
      paramLabel = "CODE",
      split = ",",
      description = "Do not report findings with this code (repeatable, or comma-separated).")
  List<String> disabled = new ArrayList<>();

  @Option(
      names = "--datasource.url",
      paramLabel = "URL",
      description =
          "Run the online checks against this Prometheus query API, e.g. "
              + "http://vmselect:8481/select/0/prometheus or http://127.0.0.1:8428; the "
              + "--datasource.* auth and TLS flags are those of 'rules run'.")
  String datasourceUrl;

  @Option(
      names = "--online.lookback",
      defaultValue = "1h",
      converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "How far back a series counts as existing, and the range of the alerts count "
              + "(default: ${DEFAULT-VALUE}).")
  Duration lookback;

  @Option(
      names = "--online.timeout",
      defaultValue = "30s",
      converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION",
      description = "Timeout of one question to the datasource (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--online.concurrency",
      defaultValue = "4",
      paramLabel = "N",
      description = "Questions in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--online.maxAlerts",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "online.alerts-count warns above this many alerts of one rule, now or over the "
              + "lookback (default: ${DEFAULT-VALUE}).")
  long maxAlerts;

  @Option(
      names = "--online.maxSeries",
      defaultValue = "10000",
      paramLabel = "N",
      description =
          "online.query-cost warns when one evaluation reads more series than this "
              + "(VictoriaMetrics' query trace; default: ${DEFAULT-VALUE}).")
  long maxSeries;

  @Option(
      names = "--online.stats",
      description =
          "Also print, on stderr, each rule's figures: alerts now and distinct over the lookback, "
              + "series read per evaluation, query time (online.alerts-count and "
              + "online.query-cost warn only above the limits).")
  boolean onlineStats;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  ValidateArgs args() {
    return new ValidateArgs(paths, dialect, format, strict, disabled);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ValidateArgs.Online online = null;
    if (datasourceUrl != null) {
      try {
        RunCommand.requireHttpUrl("--datasource.url", datasourceUrl);
        online =
            new OnlineRun(
                datasourceUrl,
                HttpAuthFlags.read(spec, "datasource"),
                timeout,
                new OnlineOptions(lookback, concurrency, maxAlerts, maxSeries, 200),
                onlineStats);
      } catch (IllegalArgumentException e) {
        err.println("rules validate: " + e.getMessage());
        return 2;
      }
    }
    return args().run(spec.commandLine().getOut(), err, online);
  }
}
