package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.cluster.ClusterDatabase;
import io.vmrules.rules.cluster.ClusterMode;
import io.vmrules.rules.cluster.ClusterStoreException;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.load.Durations;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.reload.RuleFiles;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import io.vmrules.rules.run.EngineConfig;
import io.vmrules.rules.run.RuleEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rules run}: the evaluator service; design §6 is its contract. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Evaluate alerting and recording rules on a schedule against a Prometheus-compatible "
          + "datasource (vmselect), write the results with remote write and send alerts to Alertmanager.",
      "",
      "Refuses to start on invalid rule files (exit 1, with the diagnostics of `rules validate`). "
          + "Restores alert state from --remoteRead.url, serves /api/v1/rules, /api/v1/alerts, /metrics, "
          + "/-/healthy, /-/ready and POST /-/reload; reloads the rule files on SIGHUP too (a bad file keeps "
          + "the running rules); stops cleanly on SIGTERM.",
      "",
      "A web UI on the same address and basic auth: alerts at /, rules at /groups, one rule with its "
          + "last 20 evaluations at /rule (JSON: /api/v1/rule?group=…&rule=…), and /status."
    })
final class RunCommand implements Callable<Integer> {
  /** Where the API password comes from when no flag gives it. */
  static final String HTTP_AUTH_PASSWORD_ENV = "VMRULES_HTTPAUTH_PASSWORD";

  /** The peers with authentication flags, by flag prefix. */
  private static final String DATASOURCE = "datasource";

  private static final String REMOTE_WRITE = "remoteWrite";
  private static final String REMOTE_READ = "remoteRead";
  private static final String NOTIFIER = "notifier";

  /** Adds the flags picocli cannot declare by annotation (one set of auth flags per peer). */
  static void addAuthFlags(CommandLine.Model.CommandSpec spec) {
    HttpAuthFlags.add(spec, DATASOURCE, "the datasource");
    HttpAuthFlags.add(spec, REMOTE_WRITE, "the remote-write target");
    HttpAuthFlags.add(spec, REMOTE_READ, "the remote-read (restore) datasource");
    HttpAuthFlags.add(spec, NOTIFIER, "the notifiers");
  }

  /** Reads environment variables; a test may replace it. */
  java.util.function.UnaryOperator<String> env = System::getenv;

  /** --rule, --evaluationInterval, --dialect: first in the help, as --rule was. */
  @CommandLine.Mixin RuleFileOptions ruleFiles = new RuleFileOptions();

  @Option(
      names = "--datasource.url",
      required = true,
      paramLabel = "URL",
      description = "Prometheus query API base, e.g. http://vmselect:8481/select/0/prometheus.")
  String datasourceUrl;

  @Option(
      names = "--datasource.queryTimeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Timeout of one query (default: ${DEFAULT-VALUE}).")
  Duration queryTimeout;

  @Option(
      names = "--datasource.queryStep",
      defaultValue = "5m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "The step sent with every query; VictoriaMetrics looks this far back for samples. "
              + "0 means the group's interval (default: ${DEFAULT-VALUE}).")
  Duration queryStep;

  @Option(
      names = "--datasource.uiURL",
      paramLabel = "URL",
      description =
          "VictoriaMetrics' vmui, e.g. http://victoriametrics:8428/vmui: the web UI links every "
              + "expression to it. Optional.")
  String datasourceUiUrl;

  @Option(
      names = "--remoteWrite.url",
      paramLabel = "URL",
      description =
          "Where to write recording results and ALERTS/ALERTS_FOR_STATE (…/api/v1/write is appended to a base URL).")
  String remoteWriteUrl;

  @Option(
      names = "--remoteWrite.maxQueueSize",
      defaultValue = "100000",
      paramLabel = "N",
      description =
          "Samples buffered while the target is slow or down; beyond it new samples are dropped and "
              + "counted; a batch is retried for 1m at most (default: ${DEFAULT-VALUE}).")
  int rwQueue;

  @Option(
      names = "--remoteWrite.maxBatchSize",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Samples per remote-write request at most (default: ${DEFAULT-VALUE}).")
  int rwBatch;

  @Option(
      names = "--remoteWrite.flushInterval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Longest wait before a partial batch is sent (default: ${DEFAULT-VALUE}).")
  Duration rwFlush;

  @Option(
      names = "--external.label",
      paramLabel = "NAME=VALUE",
      description = "Label added to every alert and recorded series (repeatable).")
  Map<String, String> externalLabels = new LinkedHashMap<>();

  @Option(
      names = "--external.url",
      defaultValue = "",
      paramLabel = "URL",
      description =
          "This engine's public URL: $externalURL in templates and the base of every alert's generatorURL.")
  String externalUrl;

  @Option(
      names = "--notifier.url",
      paramLabel = "URL",
      description =
          "Alertmanager to send alerts to (POST <url>/api/v2/alerts; repeatable, each gets every alert). "
              + "Credentials may be given in the URL (http://user:pass@host) or with the --notifier.* auth flags, "
              + "once for all URLs or once per URL in the same order.")
  List<String> notifierUrls = new ArrayList<>();

  @Option(
      names = "--notifier.blackhole",
      description =
          "Evaluate and dispatch alerts but send them nowhere (dry run); --notifier.url is ignored.")
  boolean notifierBlackhole;

  @Option(
      names = "--rule.resendDelay",
      defaultValue = "1m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Minimum time between two notifications of the same firing alert (default: ${DEFAULT-VALUE}).")
  Duration resendDelay;

  @Option(
      names = "--remoteRead.url",
      paramLabel = "URL",
      description =
          "Prometheus query API (e.g. vmselect) to restore pending and firing alerts from ALERTS_FOR_STATE "
              + "at start-up; without it alerts start from scratch.")
  String remoteReadUrl;

  @Option(
      names = "--remoteRead.lookback",
      defaultValue = "1h",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "How far back to look for ALERTS_FOR_STATE when restoring (default: ${DEFAULT-VALUE}).")
  Duration remoteReadLookback;

  @Option(
      names = "--httpListenAddr",
      defaultValue = ":8880",
      paramLabel = "HOST:PORT",
      description = "Address for /metrics, /-/healthy and the API (default: ${DEFAULT-VALUE}).")
  String httpListenAddr;

  @Option(
      names = "--httpAuth.username",
      paramLabel = "USER",
      description =
          "Require basic auth for /api/v1/* and /-/reload (/metrics, /-/healthy and /-/ready stay open).")
  String httpAuthUsername;

  @Option(
      names = "--httpAuth.password",
      paramLabel = "PASSWORD",
      description =
          "The password for --httpAuth.username; prefer --httpAuth.passwordFile or the environment "
              + "variable "
              + HTTP_AUTH_PASSWORD_ENV
              + " (command lines are visible to other users).")
  String httpAuthPassword;

  @Option(
      names = "--httpAuth.passwordFile",
      paramLabel = "FILE",
      description = "The password for --httpAuth.username, read from this file.")
  Path httpAuthPasswordFile;

  @Option(
      names = "--cluster.db.url",
      paramLabel = "URL",
      description =
          "Cluster mode: jdbc:postgresql://HOST:PORT/DB shared by every engine of the cluster (same"
              + " rule files on each). Each slot of a group is evaluated by one engine, and the alert"
              + " state is shared, so a group continues on another engine exactly. Without it, one"
              + " engine on its own.")
  String clusterDbUrl;

  @Option(
      names = "--cluster.db.username",
      paramLabel = "USER",
      description = "The database user for --cluster.db.url.")
  String clusterDbUsername;

  @Option(
      names = "--cluster.db.password",
      paramLabel = "PASSWORD",
      description = "The database password; prefer --cluster.db.passwordFile.")
  String clusterDbPassword;

  @Option(
      names = "--cluster.db.passwordFile",
      paramLabel = "FILE",
      description = "The database password, read from this file.")
  Path clusterDbPasswordFile;

  @Option(
      names = "--cluster.instanceId",
      paramLabel = "ID",
      description =
          "This engine's name in the cluster (default: the host name and a random suffix).")
  String clusterInstanceId;

  @Option(
      names = "--cluster.checkinInterval",
      defaultValue = "5s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How often an engine tells the cluster it is alive; the groups of an engine silent for"
              + " longer move to the others (default: ${DEFAULT-VALUE}).")
  Duration clusterCheckinInterval;

  @Option(
      names = "--evaluationThreads",
      defaultValue = "32",
      paramLabel = "N",
      description = "Groups that may evaluate at the same time (default: ${DEFAULT-VALUE}).")
  int evaluationThreads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Released to stop a running engine (SIGTERM in production, the test in tests). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    RuleFiles files = ruleFiles.ruleFiles();
    RuleFileOptions.Verdict verdict =
        ruleFiles.read(
            files, new RuleFileOptions.Refusal("rules run", "refusing to start", true, true), err);
    if (verdict instanceof RuleFileOptions.Verdict.Stop refused) {
      return refused.status();
    }
    List<GroupSpec> groups = ((RuleFileOptions.Verdict.Go) verdict).groups();
    EngineConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      err.println("rules run: " + e.getMessage());
      return 2;
    }
    RuleEngine engine;
    try {
      engine = new RuleEngine(config);
    } catch (IllegalArgumentException e) { // e.g. --httpListenAddr abc
      err.println("rules run: " + e.getMessage());
      return 2;
    }
    if (clusterDbUrl != null) {
      try {
        engine.cluster(
            ClusterMode.start(
                new ClusterDatabase.Settings(clusterDbUrl, clusterDbUsername, clusterPassword()),
                clusterInstanceId == null ? ClusterMode.defaultInstanceId() : clusterInstanceId,
                clusterCheckinInterval));
      } catch (IllegalArgumentException | ClusterStoreException e) {
        err.println("rules run: " + e.getMessage());
        engine.close();
        return 2;
      }
    }
    Thread hook =
        new Thread(
            () -> {
              engine.close();
              stop.countDown();
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      engine.start(files, groups);
    } catch (java.io.IOException
        | IllegalArgumentException e) { // port taken, bad TLS file: the user's matter
      err.println("rules run: " + e.getMessage());
      engine.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      return 2;
    }
    Signals.onHangup(engine::reload);
    stop.await();
    engine.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what released us
    }
    return 0;
  }

  /** A peer's URL must be http(s)://host…: anything else fails every request, so refuse it now. */
  static void requireHttpUrl(String flag, String url) {
    if (url == null) {
      return;
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          flag + " is not a URL: " + io.vmrules.rules.http.HttpAuth.redactUrl(url));
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          flag
              + " must be http(s)://host[:port][/path], got "
              + io.vmrules.rules.http.HttpAuth.redactUrl(url));
    }
  }

  EngineConfig config() {
    requireHttpUrl("--datasource.url", datasourceUrl);
    requireHttpUrl("--remoteWrite.url", remoteWriteUrl);
    requireHttpUrl("--datasource.uiURL", datasourceUiUrl);
    requireHttpUrl("--remoteRead.url", remoteReadUrl);
    for (String n : notifierUrls) {
      requireHttpUrl("--notifier.url", n);
    }
    if (evaluationThreads < 1) {
      throw new IllegalArgumentException(
          "--evaluationThreads must be at least 1, got " + evaluationThreads);
    }
    RemoteWriteSeriesWriter.Options d = RemoteWriteSeriesWriter.Options.defaults();
    RemoteWriteSeriesWriter.Options rwOptions =
        new RemoteWriteSeriesWriter.Options(
            rwQueue,
            rwBatch,
            rwFlush,
            d.initialBackoff(),
            d.maxBackoff(),
            d.maxRetryDuration(),
            d.timeout(),
            d.shutdownTimeout());
    EvaluationSettings settings =
        new EvaluationSettings(
            externalLabels, externalUrl, ruleFiles.evaluationInterval, queryStep);
    String listen = httpListenAddr == null || httpListenAddr.isBlank() ? null : httpListenAddr;
    EngineConfig.Builder b =
        EngineConfig.builder(settings, datasourceUrl)
            .datasource(datasourceUrl, HttpAuthFlags.read(spec, DATASOURCE), queryTimeout)
            .remoteWrite(remoteWriteUrl, HttpAuthFlags.read(spec, REMOTE_WRITE), rwOptions)
            .remoteRead(remoteReadUrl, HttpAuthFlags.read(spec, REMOTE_READ), remoteReadLookback)
            .notifierBlackhole(notifierBlackhole)
            .resendDelay(resendDelay)
            .evaluationThreads(evaluationThreads)
            .http(listen, httpCredentials())
            .dialect(ruleFiles.dialect)
            .ui(
                new EngineConfig.Ui(
                    HttpAuth.redactUrl(datasourceUiUrl), new Version().getVersion()[0], flags()));
    for (int i = 0; i < notifierUrls.size(); i++) {
      b.notifier(notifierUrls.get(i), HttpAuthFlags.read(spec, NOTIFIER, i, notifierUrls.size()));
    }
    return b.build();
  }

  /** {@code --cluster.db.password} or its file. */
  private String clusterPassword() {
    if (clusterDbPassword != null && clusterDbPasswordFile != null) {
      throw new IllegalArgumentException(
          "set --cluster.db.password or --cluster.db.passwordFile, not both");
    }
    if (clusterDbPasswordFile != null) {
      try {
        return Files.readString(clusterDbPasswordFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read --cluster.db.passwordFile: " + e.getMessage());
      }
    }
    return clusterDbPassword;
  }

  /**
   * The flags with their values (given or default) for the status page, in declaration order:
   * passwords, tokens, secrets and headers show as {@code <secret>}, URLs without their user info.
   */
  Map<String, String> flags() {
    Map<String, String> out = new LinkedHashMap<>();
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (o.usageHelp() || o.versionHelp() || !name.startsWith("--")) {
        continue;
      }
      Object value = o.getValue();
      if (value == null
          || (value instanceof java.util.Collection<?> c && c.isEmpty())
          || (value instanceof Map<?, ?> m && m.isEmpty())) {
        continue;
      }
      out.put(name, flagValue(name, value));
    }
    return out;
  }

  static String flagValue(String name, Object value) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (value instanceof Boolean || value instanceof Number) {
      return String.valueOf(value);
    }
    if (lower.contains("password")
        || lower.contains("token")
        || lower.contains("secret")
        || lower.contains("headers")
        || lower.contains("key")) {
      return lower.endsWith("file") ? String.valueOf(value) : "<secret>";
    }
    if (value instanceof java.util.Collection<?> c) {
      List<String> parts = new ArrayList<>();
      for (Object v : c) {
        parts.add(flagValue(name, v));
      }
      return String.join(", ", parts);
    }
    if (value instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, v) -> parts.add(k + "=" + v));
      return String.join(", ", parts);
    }
    if (value instanceof Duration d) {
      return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
    return HttpAuth.redactUrl(String.valueOf(value));
  }

  /** {@code --httpAuth.*}: the password from the flag, its file, or the environment. */
  EngineConfig.BasicCredentials httpCredentials() {
    if (httpAuthPassword != null && httpAuthPasswordFile != null) {
      throw new IllegalArgumentException(
          "set --httpAuth.password or --httpAuth.passwordFile, not both");
    }
    String password = httpAuthPassword;
    if (httpAuthPasswordFile != null) {
      try {
        password = Files.readString(httpAuthPasswordFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read --httpAuth.passwordFile: " + e.getMessage());
      }
    }
    if (password == null) {
      password = env.apply(HTTP_AUTH_PASSWORD_ENV);
    }
    if (httpAuthUsername == null || httpAuthUsername.isEmpty()) {
      if (password != null && (httpAuthPassword != null || httpAuthPasswordFile != null)) {
        throw new IllegalArgumentException("--httpAuth.password needs --httpAuth.username");
      }
      return null;
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(
          "--httpAuth.username needs a password: --httpAuth.password, "
              + "--httpAuth.passwordFile or "
              + HTTP_AUTH_PASSWORD_ENV);
    }
    return new EngineConfig.BasicCredentials(httpAuthUsername, password);
  }

  /** Prometheus-style durations: {@code 30s}, {@code 1m30s}, {@code 1h}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value, Dialect.PROMQL)
          .orElseThrow(
              () -> new CommandLine.TypeConversionException("not a duration: \"" + value + "\""));
    }
  }
}
