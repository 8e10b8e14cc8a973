package io.vmrules.rules.eval;

import static io.vmrules.rules.testing.FakeQuerier.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.testing.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingRuleTest {
  private static RecordingRule rule(Map<String, String> ruleLabels, int limit) {
    RecordingRuleSpec spec = Specs.record("job:up:sum", "sum(up) by (job)", ruleLabels);
    GroupSpec g = Specs.group("g", null, limit, 1, Map.of("team", "t", "env", "group"), spec);
    EvaluationSettings settings =
        new EvaluationSettings(Map.of("env", "ext", "dc", "x"), "", Duration.ofMinutes(1));
    return new RecordingRule(spec, g, settings);
  }

  @Test
  void renamesToRecordAndMergesLabelsLaterWinning() {
    RecordingEvaluation ev =
        rule(Map.of("env", "rule"), 0)
            .evaluate(List.of(sample(3, "__name__", "up", "job", "a")), 5_000);
    assertThat(ev.series())
        .containsExactly(
            new Sample(
                Labels.of(
                    "__name__", "job:up:sum", "dc", "x", "env", "rule", "job", "a", "team", "t"),
                3,
                5_000));
  }

  @Test
  void scalarResultBecomesOneSeriesWithoutLabels() {
    List<Sample> scalar = new QueryResult.Scalar(7, 1000).asSamples();
    RecordingEvaluation ev = rule(Map.of(), 0).evaluate(scalar, 1_000);
    assertThat(ev.series()).extracting(Sample::value).containsExactly(7.0);
    assertThat(ev.series().get(0).metricName()).isEqualTo("job:up:sum");
  }

  @Test
  void exceedingTheLimitFailsAndWritesNothing() {
    RecordingEvaluation ev =
        rule(Map.of(), 1).evaluate(List.of(sample(1, "job", "a"), sample(2, "job", "b")), 0);
    assertThat(ev.error()).isEqualTo("exceeded limit of 1 with 2 series");
    assertThat(ev.series()).isEmpty();
  }

  @Test
  void duplicateLabelSetsFail() {
    RecordingEvaluation ev =
        rule(Map.of(), 0)
            .evaluate(
                List.of(
                    sample(1, "__name__", "a", "job", "a"), sample(2, "__name__", "b", "job", "a")),
                0);
    assertThat(ev.error()).contains("same labelset");
    assertThat(ev.series()).isEmpty();
  }
}
