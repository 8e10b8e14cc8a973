package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.datasource.HttpAuth;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.load.Durations;
import io.vmrules.rules.load.RulePaths;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import io.vmrules.rules.report.ReportFormat;
import io.vmrules.rules.run.EngineConfig;
import io.vmrules.rules.run.RuleEngine;
import io.vmrules.rules.validate.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rules run}: the evaluator service; design §6 is its contract. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Evaluate alerting and recording rules on a schedule against a Prometheus-compatible "
          + "datasource (vmselect), and write the results with remote write.",
      "",
      "Refuses to start on invalid rule files (exit 1, with the diagnostics of `rules validate`); "
          + "stops cleanly on SIGTERM."
    })
final class RunCommand implements Callable<Integer> {
  @Option(names = "--rule", required = true, paramLabel = "PATH",
      description = "Rule files, directories or globs (repeatable).")
  List<String> rules;

  @Option(names = "--datasource.url", required = true, paramLabel = "URL",
      description = "Prometheus query API base, e.g. http://vmselect:8481/select/0/prometheus.")
  String datasourceUrl;

  @Option(names = "--datasource.basicAuth.username") String dsUser;
  @Option(names = "--datasource.basicAuth.password") String dsPassword;
  @Option(names = "--datasource.basicAuth.passwordFile") Path dsPasswordFile;
  @Option(names = "--datasource.bearerToken") String dsToken;
  @Option(names = "--datasource.bearerTokenFile") Path dsTokenFile;

  @Option(names = "--datasource.headers", paramLabel = "'Name: value^^Name: value'",
      description = "Extra HTTP headers for every query.")
  String dsHeaders;

  @Option(names = "--datasource.tlsInsecureSkipVerify") boolean dsInsecure;
  @Option(names = "--datasource.tlsCAFile") Path dsCaFile;

  @Option(names = "--datasource.queryTimeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "Timeout of one query (default: ${DEFAULT-VALUE}).")
  Duration queryTimeout;

  @Option(names = "--datasource.queryStep", defaultValue = "5m", converter = DurationConverter.class,
      description = "The step sent with every query; VictoriaMetrics looks this far back for samples. "
          + "0 means the group's interval (default: ${DEFAULT-VALUE}).")
  Duration queryStep;

  @Option(names = "--remoteWrite.url", paramLabel = "URL",
      description = "Where to write recording results and ALERTS/ALERTS_FOR_STATE (…/api/v1/write is appended to a base URL).")
  String remoteWriteUrl;

  @Option(names = "--remoteWrite.basicAuth.username") String rwUser;
  @Option(names = "--remoteWrite.basicAuth.password") String rwPassword;
  @Option(names = "--remoteWrite.basicAuth.passwordFile") Path rwPasswordFile;
  @Option(names = "--remoteWrite.bearerToken") String rwToken;
  @Option(names = "--remoteWrite.bearerTokenFile") Path rwTokenFile;
  @Option(names = "--remoteWrite.headers") String rwHeaders;
  @Option(names = "--remoteWrite.tlsInsecureSkipVerify") boolean rwInsecure;
  @Option(names = "--remoteWrite.tlsCAFile") Path rwCaFile;
  @Option(names = "--remoteWrite.maxQueueSize", defaultValue = "100000") int rwQueue;
  @Option(names = "--remoteWrite.maxBatchSize", defaultValue = "10000") int rwBatch;

  @Option(names = "--remoteWrite.flushInterval", defaultValue = "5s", converter = DurationConverter.class)
  Duration rwFlush;

  @Option(names = "--evaluationInterval", defaultValue = "1m", converter = DurationConverter.class,
      description = "Interval of groups without one (default: ${DEFAULT-VALUE}).")
  Duration evaluationInterval;

  @Option(names = "--external.label", paramLabel = "NAME=VALUE",
      description = "Label added to every alert and recorded series (repeatable).")
  Map<String, String> externalLabels = new LinkedHashMap<>();

  @Option(names = "--external.url", defaultValue = "", description = "$externalURL in templates.")
  String externalUrl;

  @Option(names = "--notifier.url", paramLabel = "URL",
      description = "Alertmanager to notify (repeatable). Notifications come with the notifier adapter.")
  List<String> notifierUrls = new ArrayList<>();

  @Option(names = "--rule.resendDelay", defaultValue = "0s", converter = DurationConverter.class,
      description = "Minimum time between two notifications of a firing alert.")
  Duration resendDelay;

  @Option(names = "--httpListenAddr", defaultValue = ":8880",
      description = "Address for /metrics, /-/healthy and the API (default: ${DEFAULT-VALUE}).")
  String httpListenAddr;

  @Option(names = "--evaluationThreads", defaultValue = "32",
      description = "Groups that may evaluate at the same time (default: ${DEFAULT-VALUE}).")
  int evaluationThreads;

  @Option(names = "--dialect", paramLabel = "metricsql|promql", defaultValue = "metricsql",
      description = "Query language the rules are validated in (default: ${DEFAULT-VALUE}).")
  Dialect dialect;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Released to stop a running engine (SIGTERM in production, the test in tests). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    RulePaths.Expansion expansion = RulePaths.expand(rules);
    if (!expansion.problems().isEmpty()) {
      expansion.problems().forEach(p -> err.println("rules run: " + p));
      return 2;
    }
    Validation.Outcome outcome;
    try {
      outcome = new Validation(new Validation.Options(dialect, false, Set.of(), evaluationInterval))
          .validateFiles(expansion.files());
    } catch (IOException e) {
      err.println("rules run: " + e.getMessage());
      return 2;
    }
    if (!outcome.report().findings().isEmpty()) {
      ReportFormat.TEXT.write(outcome.report(), err, Terminal.isInteractive());
      err.flush();
    }
    if (outcome.report().errors() > 0) {
      err.println("rules run: refusing to start: " + outcome.report().errors() + " errors in the rule files");
      return 1;
    }
    EngineConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      err.println("rules run: " + e.getMessage());
      return 2;
    }
    List<GroupSpec> groups = new ArrayList<>();
    for (LoadedFile f : outcome.files()) {
      for (LoadedGroup g : f.groups()) {
        groups.add(g.spec());
      }
    }
    if (!notifierUrls.isEmpty()) {
      err.println("rules run: warning: --notifier.url is accepted but this build does not notify yet");
      err.flush();
    }
    RuleEngine engine = new RuleEngine(config);
    Thread hook = new Thread(() -> {
      engine.close();
      stop.countDown();
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    engine.start(groups);
    stop.await();
    engine.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what released us
    }
    return 0;
  }

  EngineConfig config() {
    HttpAuth ds = new HttpAuth(dsUser, dsPassword, dsPasswordFile, dsToken, dsTokenFile,
        HttpAuth.parseHeaders(dsHeaders), dsInsecure, dsCaFile);
    HttpAuth rw = new HttpAuth(rwUser, rwPassword, rwPasswordFile, rwToken, rwTokenFile,
        HttpAuth.parseHeaders(rwHeaders), rwInsecure, rwCaFile);
    RemoteWriteSeriesWriter.Options d = RemoteWriteSeriesWriter.Options.defaults();
    RemoteWriteSeriesWriter.Options rwOptions = new RemoteWriteSeriesWriter.Options(rwQueue, rwBatch, rwFlush,
        d.initialBackoff(), d.maxBackoff(), d.maxRetryDuration(), d.timeout(), d.shutdownTimeout());
    EvaluationSettings settings = new EvaluationSettings(externalLabels, externalUrl, evaluationInterval, queryStep);
    String listen = httpListenAddr == null || httpListenAddr.isBlank() ? null : httpListenAddr;
    return new EngineConfig(settings, datasourceUrl, ds, queryTimeout, remoteWriteUrl, rw, rwOptions,
        evaluationThreads, listen);
  }

  /** Prometheus-style durations: {@code 30s}, {@code 1m30s}, {@code 1h}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value, Dialect.PROMQL)
          .orElseThrow(() -> new CommandLine.TypeConversionException("not a duration: \"" + value + "\""));
    }
  }
}
