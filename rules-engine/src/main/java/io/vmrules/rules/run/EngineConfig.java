package io.vmrules.rules.run;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.http.HttpAuth;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code rules run} needs besides the rule files. Built with {@link #builder}; only the
 * settings and the datasource are required.
 *
 * @param remoteWrite null: results are computed but not written
 * @param notifiers the Alertmanagers ({@code --notifier.url}); each gets every alert
 * @param notifierBlackhole {@code --notifier.blackhole}: alerts are dispatched but go nowhere
 * @param remoteRead null: no alert state is restored at start-up
 * @param evaluationThreads how many groups may evaluate at the same time
 * @param httpListenAddr null: no HTTP endpoint
 * @param httpAuth null: the API is open
 * @param dialect the rules' query language; picks the template functions (Prometheus' or vmalert's)
 * @param ui what the web UI shows besides the rules: links to vmui, the version and the flags
 */
public record EngineConfig(
    EvaluationSettings settings,
    Endpoint datasource,
    Duration queryTimeout,
    Endpoint remoteWrite,
    RemoteWriteSeriesWriter.Options remoteWriteOptions,
    List<Endpoint> notifiers,
    boolean notifierBlackhole,
    Duration resendDelay,
    Endpoint remoteRead,
    Duration remoteReadLookback,
    int evaluationThreads,
    String httpListenAddr,
    BasicCredentials httpAuth,
    Dialect dialect,
    Ui ui) {

  /**
   * The web UI's settings.
   *
   * @param datasourceUiUrl VictoriaMetrics' vmui ({@code --datasource.uiURL}), or null
   * @param version shown on the status page
   * @param flags the command line's flags and values, in order, secrets already redacted
   */
  public record Ui(String datasourceUiUrl, String version, Map<String, String> flags) {
    public Ui {
      version = version == null ? "unknown" : version;
      flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags == null ? Map.of() : flags));
    }

    public static Ui none() {
      return new Ui(null, null, null);
    }
  }

  /** One HTTP peer: its URL and how to authenticate. Shows neither credentials nor secrets. */
  public record Endpoint(String url, HttpAuth auth) {
    public Endpoint {
      Objects.requireNonNull(url, "url");
      auth = auth == null ? HttpAuth.none() : auth;
    }

    @Override
    public String toString() {
      return HttpAuth.redactUrl(url) + " " + auth;
    }
  }

  /** {@code --httpAuth.username} and its password. */
  public record BasicCredentials(String username, String password) {
    public BasicCredentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "BasicCredentials[username=" + username + ", password=<secret>]";
    }
  }

  public EngineConfig {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(datasource, "datasource");
    remoteWriteOptions =
        remoteWriteOptions == null
            ? RemoteWriteSeriesWriter.Options.defaults()
            : remoteWriteOptions;
    queryTimeout = queryTimeout == null ? Duration.ofSeconds(30) : queryTimeout;
    notifiers = List.copyOf(notifiers == null ? List.of() : notifiers);
    resendDelay = resendDelay == null ? Duration.ofMinutes(1) : resendDelay;
    if (resendDelay.isNegative()) {
      throw new IllegalArgumentException("--rule.resendDelay must not be negative");
    }
    remoteReadLookback = remoteReadLookback == null ? Duration.ofHours(1) : remoteReadLookback;
    if (remoteReadLookback.toSeconds() < 1) {
      throw new IllegalArgumentException("--remoteRead.lookback must be at least 1s");
    }
    evaluationThreads = Math.max(1, evaluationThreads);
    dialect = dialect == null ? Dialect.METRICSQL : dialect;
    ui = ui == null ? Ui.none() : ui;
  }

  public static Builder builder(EvaluationSettings settings, String datasourceUrl) {
    return new Builder(settings, new Endpoint(datasourceUrl, null));
  }

  /** Sets the optional parts; unset ones take the defaults of {@code rules run}. */
  public static final class Builder {
    private final EvaluationSettings settings;
    private Endpoint datasource;
    private Duration queryTimeout;
    private Endpoint remoteWrite;
    private RemoteWriteSeriesWriter.Options remoteWriteOptions;
    private final List<Endpoint> notifiers = new ArrayList<>();
    private boolean notifierBlackhole;
    private Duration resendDelay;
    private Endpoint remoteRead;
    private Duration remoteReadLookback;
    private int evaluationThreads = 4;
    private String httpListenAddr;
    private BasicCredentials httpAuth;
    private Dialect dialect;
    private Ui ui;

    private Builder(EvaluationSettings settings, Endpoint datasource) {
      this.settings = settings;
      this.datasource = datasource;
    }

    public Builder datasource(String url, HttpAuth auth, Duration timeout) {
      this.datasource = new Endpoint(url, auth);
      this.queryTimeout = timeout;
      return this;
    }

    public Builder remoteWrite(String url, HttpAuth auth, RemoteWriteSeriesWriter.Options options) {
      this.remoteWrite = url == null ? null : new Endpoint(url, auth);
      this.remoteWriteOptions = options;
      return this;
    }

    public Builder notifier(String url, HttpAuth auth) {
      notifiers.add(new Endpoint(url, auth));
      return this;
    }

    public Builder notifierBlackhole(boolean blackhole) {
      this.notifierBlackhole = blackhole;
      return this;
    }

    public Builder resendDelay(Duration resendDelay) {
      this.resendDelay = resendDelay;
      return this;
    }

    public Builder remoteRead(String url, HttpAuth auth, Duration lookback) {
      this.remoteRead = url == null ? null : new Endpoint(url, auth);
      this.remoteReadLookback = lookback;
      return this;
    }

    public Builder evaluationThreads(int threads) {
      this.evaluationThreads = threads;
      return this;
    }

    public Builder http(String listenAddr, BasicCredentials auth) {
      this.httpListenAddr = listenAddr;
      this.httpAuth = auth;
      return this;
    }

    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    public Builder ui(Ui ui) {
      this.ui = ui;
      return this;
    }

    public EngineConfig build() {
      return new EngineConfig(
          settings,
          datasource,
          queryTimeout,
          remoteWrite,
          remoteWriteOptions,
          notifiers,
          notifierBlackhole,
          resendDelay,
          remoteRead,
          remoteReadLookback,
          evaluationThreads,
          httpListenAddr,
          httpAuth,
          dialect,
          ui);
    }
  }
}
