package io.vmrules.rules.run;

import io.vmrules.rules.datasource.HttpAuth;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code rules run} needs besides the rule files.
 *
 * @param remoteWriteUrl null: results are computed but not written
 * @param evaluationThreads how many groups may evaluate at the same time
 * @param httpListenAddr null: no HTTP endpoint
 */
public record EngineConfig(
    EvaluationSettings settings,
    String datasourceUrl,
    HttpAuth datasourceAuth,
    Duration queryTimeout,
    String remoteWriteUrl,
    HttpAuth remoteWriteAuth,
    RemoteWriteSeriesWriter.Options remoteWrite,
    int evaluationThreads,
    String httpListenAddr) {
  public EngineConfig {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(datasourceUrl, "datasourceUrl");
    datasourceAuth = datasourceAuth == null ? HttpAuth.none() : datasourceAuth;
    remoteWriteAuth = remoteWriteAuth == null ? HttpAuth.none() : remoteWriteAuth;
    remoteWrite = remoteWrite == null ? RemoteWriteSeriesWriter.Options.defaults() : remoteWrite;
    queryTimeout = queryTimeout == null ? Duration.ofSeconds(30) : queryTimeout;
    evaluationThreads = Math.max(1, evaluationThreads);
  }
}
