package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.GoTemplateRenderer;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.replay.ProgressReport;
import io.vmrules.rules.replay.RemoteWriteClient;
import io.vmrules.rules.replay.Replay;
import io.vmrules.rules.replay.ReplayListener;
import io.vmrules.rules.replay.ReplayStopped;
import io.vmrules.rules.replay.ReplaySummary;
import io.vmrules.rules.replay.SummaryText;
import io.vmrules.template.FunctionSet;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rules replay}: evaluate rules over a past range and write the results; design §10. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Evaluate recording and alerting rules over a past time range, as `rules run` would have then, "
          + "and write the results (recorded series, ALERTS, ALERTS_FOR_STATE) with their original timestamps "
          + "to --remoteWrite.url. No notifications are sent.",
      "",
      "The range is cut into windows of --maxDatapointsPerQuery points; each window goes through every group "
          + "in file order and each group's rules in order (one range query per rule and window), so a rule sees "
          + "what earlier rules wrote: replay waits until the datasource answers a rule's results before a rule "
          + "that reads them runs (at most --rulesDelay). Evaluations fall on multiples of the group interval "
          + "(plus eval_offset); `for` and `keep_firing_for` work, and alert state carries across windows and "
          + "is read back from ALERTS_FOR_STATE when a replay continues an earlier one.",
      "",
      "A query or write is tried --ruleRetryAttempts times with backoff; then the replay stops, says how far it "
          + "got and prints the command that resumes it. Refuses invalid rule files like `rules run`.",
      "",
      "Exit status: 0 done, 1 invalid rule files or the replay stopped, 2 usage problem (also a reversed or "
          + "empty range)."
    })
final class ReplayCommand implements Callable<Integer> {
  private static final String DATASOURCE = "datasource";
  private static final String REMOTE_WRITE = "remoteWrite";

  /** Adds the flags picocli cannot declare by annotation (one set of auth flags per peer). */
  static void addAuthFlags(CommandLine.Model.CommandSpec spec) {
    HttpAuthFlags.add(spec, DATASOURCE, "the datasource");
    HttpAuthFlags.add(spec, REMOTE_WRITE, "the remote-write target");
  }

  /** --rule, --evaluationInterval, --dialect: first in the help, as --rule was. */
  @CommandLine.Mixin RuleFileOptions ruleFiles = new RuleFileOptions();

  @Option(
      names = "--datasource.url",
      required = true,
      paramLabel = "URL",
      description =
          "Prometheus query API base to read from, e.g. http://vmselect:8481/select/0/prometheus.")
  String datasourceUrl;

  @Option(
      names = "--remoteWrite.url",
      required = true,
      paramLabel = "URL",
      description =
          "Where to write the results (…/api/v1/write is appended to a base URL). Chained rules need "
              + "it to write where --datasource.url reads.")
  String remoteWriteUrl;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description =
          "Start of the range (inclusive): RFC 3339 (2026-01-02T15:04:05Z) or Unix seconds.")
  Instant from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "End of the range (inclusive): RFC 3339 or Unix seconds.")
  Instant to;

  @Option(
      names = "--rulesDelay",
      defaultValue = "10s",
      converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Longest wait for a rule's results to become queryable before a rule that reads them runs "
              + "(polled: replay goes on as soon as they are; 0 does not wait) (default: ${DEFAULT-VALUE}).")
  Duration rulesDelay;

  @Option(
      names = "--maxDatapointsPerQuery",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Points per range query at most (default: ${DEFAULT-VALUE}).")
  int maxDatapointsPerQuery;

  @Option(
      names = "--ruleRetryAttempts",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "Attempts per query or write before the replay stops (default: ${DEFAULT-VALUE}).")
  int ruleRetryAttempts;

  @Option(names = "--no-progress", description = "No progress bar or progress lines.")
  boolean noProgress;

  @Option(
      names = "--datasource.queryTimeout",
      defaultValue = "1m",
      converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION",
      description = "Timeout of one range query (default: ${DEFAULT-VALUE}).")
  Duration queryTimeout;

  @Option(
      names = "--remoteWrite.maxBatchSize",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Samples per remote-write request at most (default: ${DEFAULT-VALUE}).")
  int rwBatch;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Replay.Options options;
    try {
      options = new Replay.Options(from, to, rulesDelay, maxDatapointsPerQuery, ruleRetryAttempts);
    } catch (IllegalArgumentException e) {
      err.println("rules replay: " + e.getMessage());
      return 2;
    }
    RuleFileOptions.Verdict verdict =
        ruleFiles.read(
            ruleFiles.ruleFiles(),
            new RuleFileOptions.Refusal("rules replay", "refusing to replay", false, false),
            err);
    if (verdict instanceof RuleFileOptions.Verdict.Stop refused) {
      return refused.status();
    }
    List<GroupSpec> groups = ((RuleFileOptions.Verdict.Go) verdict).groups();
    PrometheusApiQuerier querier;
    RemoteWriteClient writer;
    try {
      querier =
          PrometheusApiQuerier.noDelay(
              datasourceUrl, HttpAuthFlags.read(spec, DATASOURCE), queryTimeout);
      writer =
          new RemoteWriteClient(
              remoteWriteUrl, HttpAuthFlags.read(spec, REMOTE_WRITE), queryTimeout, rwBatch);
    } catch (IllegalArgumentException e) {
      err.println("rules replay: " + e.getMessage());
      return 2;
    }
    Duration evaluationInterval = ruleFiles.evaluationInterval;
    Dialect dialect = ruleFiles.dialect;
    EvaluationSettings settings =
        new EvaluationSettings(Map.of(), "", evaluationInterval, Duration.ZERO);
    FunctionSet functions =
        dialect == Dialect.PROMQL ? FunctionSet.prometheus() : FunctionSet.vmalert();
    ReplayListener progress =
        noProgress
            ? ReplayListener.NONE
            : new ProgressReport(err, Terminal.isInteractive(), InstantSource.system());
    Replay replay =
        Replay.builder(groups, querier, writer)
            .options(options)
            .settings(settings)
            .dialect(dialect)
            .renderer(new GoTemplateRenderer(functions, null, evaluationInterval))
            .listener(progress)
            .build();
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    Thread hook =
        new Thread(
            () -> {
              Instant at = replay.resumePoint();
              if (at != null) {
                err.println();
                err.println(
                    "rules replay: interrupted; everything before "
                        + at
                        + " is written. To resume:");
                err.println("  " + ResumeCommand.of(args, at));
                err.flush();
              }
            },
            "replay-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    try (writer) {
      ReplaySummary summary = replay.run();
      SummaryText.print(summary, out);
      return 0;
    } catch (ReplayStopped stop) {
      SummaryText.print(stop.summary(), out);
      err.println("rules replay: stopped: " + stop.getMessage());
      err.println(
          "rules replay: everything before " + stop.resumeFrom() + " is written. To resume:");
      err.println("  " + ResumeCommand.of(args, stop.resumeFrom()));
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs
      }
    }
  }

  /** RFC 3339, or Unix seconds (decimals allowed). */
  static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        if (value.matches("-?\\d+(\\.\\d+)?")) {
          BigDecimal seconds = new BigDecimal(value);
          return Instant.ofEpochMilli(seconds.movePointRight(3).longValueExact());
        }
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new CommandLine.TypeConversionException(
            "not a time: \""
                + value
                + "\" (expected RFC 3339, e.g. 2026-01-02T15:04:05Z, or Unix seconds)");
      }
    }
  }
}
