package io.vmrules.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.reload.RuleFiles;
import io.vmrules.rules.remotewrite.RemoteWriteSeriesWriter;
import io.vmrules.rules.validate.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Rule files loaded as {@code rules run} loads them, for starting an engine in a test. */
public record TestRules(RuleFiles files, List<GroupSpec> groups) {
  /** Loads and validates {@code file} (MetricsQL); fails the test on any error. */
  public static TestRules load(Path file) {
    RuleFiles files =
        new RuleFiles(List.of(file.toString()), Validation.Options.of(Dialect.METRICSQL));
    RuleFiles.Loaded loaded = files.load();
    assertThat(loaded).as("rule file errors").isInstanceOf(RuleFiles.Loaded.Valid.class);
    return new TestRules(files, ((RuleFiles.Loaded.Valid) loaded).groups());
  }

  /** Remote-write settings that flush every 200 ms, so tests see series quickly. */
  public static RemoteWriteSeriesWriter.Options fastRemoteWrite() {
    RemoteWriteSeriesWriter.Options d = RemoteWriteSeriesWriter.Options.defaults();
    return new RemoteWriteSeriesWriter.Options(
        10_000,
        1_000,
        Duration.ofMillis(200),
        d.initialBackoff(),
        d.maxBackoff(),
        d.maxRetryDuration(),
        d.timeout(),
        d.shutdownTimeout());
  }
}
