package io.vmrules.rules.unittest;

import io.vmrules.rules.eval.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One test file, read: the rule files it tests and its test groups. Times inside a test group are
 * offsets from the group's start.
 *
 * @param ruleFiles the {@code rule_files} entries, resolved against the test file's directory
 * @param groupEvalOrder group names to evaluate first, in this order (the rest follow in file
 *     order)
 */
public record TestFile(
    Path path,
    Format format,
    List<String> ruleFiles,
    Duration evaluationInterval,
    List<String> groupEvalOrder,
    boolean fuzzyCompare,
    List<TestGroup> tests) {
  public TestFile {
    ruleFiles = List.copyOf(ruleFiles);
    groupEvalOrder = List.copyOf(groupEvalOrder);
    tests = List.copyOf(tests);
  }

  /** Whose format the file is written in: the keys tell. */
  public enum Format {
    PROMTOOL("promtool"),
    VMALERT_TOOL("vmalert-tool");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One entry of {@code tests}.
   *
   * @param start the wall-clock time of offset zero
   * @param interval the step between input samples
   */
  public record TestGroup(
      String name,
      int line,
      Instant start,
      Duration interval,
      List<InputSeries> inputSeries,
      List<AlertTest> alertTests,
      List<ExprTest> exprTests,
      Map<String, String> externalLabels,
      String externalUrl) {
    public TestGroup {
      inputSeries = List.copyOf(inputSeries);
      alertTests = List.copyOf(alertTests);
      exprTests = List.copyOf(exprTests);
      externalLabels = Map.copyOf(externalLabels);
    }

    /**
     * This group with {@code labels} over its external labels and {@code url} as its external URL
     * where it names none (the command line's {@code --external.label} and {@code --external.url}).
     */
    public TestGroup withExternal(Map<String, String> labels, String url) {
      if (labels.isEmpty() && (url.isEmpty() || !externalUrl.isEmpty())) {
        return this;
      }
      Map<String, String> merged = new HashMap<>(externalLabels);
      merged.putAll(labels);
      return new TestGroup(
          name,
          line,
          start,
          interval,
          inputSeries,
          alertTests,
          exprTests,
          merged,
          externalUrl.isEmpty() ? url : externalUrl);
    }

    /** The latest {@code eval_time} of the group's tests: evaluation runs up to it. */
    public Duration lastEvalTime() {
      Duration last = Duration.ZERO;
      for (AlertTest a : alertTests) {
        last = a.evalTime().compareTo(last) > 0 ? a.evalTime() : last;
      }
      for (ExprTest e : exprTests) {
        last = e.evalTime().compareTo(last) > 0 ? e.evalTime() : last;
      }
      return last;
    }
  }

  /** A series of {@code input_series}: its labels (name included) and values, one per step. */
  public record InputSeries(Labels labels, List<SeriesValues.Item> values, int line) {
    public InputSeries {
      values = List.copyOf(values);
    }
  }

  /**
   * An {@code alert_rule_test}: the alerts named {@code alertname} (in {@code groupname}, when
   * given) that fire at {@code evalTime}.
   */
  public record AlertTest(
      Duration evalTime,
      String alertname,
      String groupname,
      List<ExpectedAlert> expected,
      int line) {
    public AlertTest {
      expected = List.copyOf(expected);
    }
  }

  /** An alert of {@code exp_alerts}: its labels ({@code alertname} added) and annotations. */
  public record ExpectedAlert(Map<String, String> labels, Map<String, String> annotations) {
    public ExpectedAlert {
      labels = Map.copyOf(labels);
      annotations = Map.copyOf(annotations);
    }
  }

  /** A {@code promql_expr_test} or {@code metricsql_expr_test}. */
  public record ExprTest(String expr, Duration evalTime, List<ExpectedSample> expected, int line) {
    public ExprTest {
      expected = List.copyOf(expected);
    }
  }

  /** A sample of {@code exp_samples}. */
  public record ExpectedSample(Labels labels, double value) {}
}
