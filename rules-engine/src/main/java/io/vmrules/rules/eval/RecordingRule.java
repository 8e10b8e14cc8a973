package io.vmrules.rules.eval;

import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A recording rule ready to evaluate: turns a query result into series named {@code record}. */
public final class RecordingRule implements Rule {
  private final RecordingRuleSpec spec;
  private final GroupSpec group;
  private final Map<String, String> externalLabels;

  public RecordingRule(RecordingRuleSpec spec, GroupSpec group, EvaluationSettings settings) {
    this.spec = spec;
    this.group = group;
    this.externalLabels = settings.externalLabels();
  }

  @Override
  public RecordingRuleSpec spec() {
    return spec;
  }

  @Override
  public Step step(
      AlertRuleState previous, List<Sample> result, Instant slot, long timestampMillis) {
    RecordingEvaluation ev = evaluate(result, timestampMillis);
    return new Step(AlertRuleState.empty(), ev.series(), ev.error(), ev.series().size());
  }

  /**
   * The series to write: each result series renamed to {@code record}, with external, group and
   * rule labels merged in (later wins), stamped {@code timestampMillis}. Duplicate label sets, or
   * more series than the group's {@code limit}, fail the rule and write nothing.
   */
  public RecordingEvaluation evaluate(List<Sample> result, long timestampMillis) {
    int limit = group.limit();
    if (limit > 0 && result.size() > limit) {
      return RecordingEvaluation.failed(
          "exceeded limit of " + limit + " with " + result.size() + " series");
    }
    List<Sample> out = new ArrayList<>(result.size());
    Set<Labels> seen = new HashSet<>();
    for (Sample s : result) {
      Labels labels =
          s.labels().toBuilder()
              .setAll(externalLabels)
              .setAll(group.labels())
              .setAll(spec.labels())
              .set(Labels.METRIC_NAME, spec.name())
              .build();
      if (!seen.add(labels)) {
        return RecordingEvaluation.failed(
            "vector contains metrics with the same labelset after applying rule labels: " + labels);
      }
      out.add(new Sample(labels, s.value(), timestampMillis));
    }
    return RecordingEvaluation.ok(out);
  }
}
