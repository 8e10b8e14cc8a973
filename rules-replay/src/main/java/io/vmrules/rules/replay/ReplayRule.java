package io.vmrules.rules.replay;

import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertingRule;
import io.vmrules.rules.eval.Rule;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One rule as replay runs it: the evaluator's {@link Rule}, its alert state carried from point to
 * point and window to window, and its tallies. Mutated by the replay thread only.
 */
final class ReplayRule {
  final GroupSpec group;
  final Rule rule;

  /** The selector of everything this rule writes, for the visibility check. */
  final String outputSelector;

  /** The metric names this rule writes. */
  final Set<String> outputs;

  /**
   * Whether some rule reads what this one writes: then its results must be queryable before going
   * on.
   */
  boolean read;

  AlertRuleState state = AlertRuleState.empty();
  long pointsQueried;
  long samplesWritten;
  long samplesFound;
  long errors;
  String firstError;
  long firings;
  final List<Instant> firstFirings = new ArrayList<>();

  ReplayRule(GroupSpec group, Rule rule, Map<String, String> externalLabels) {
    this.group = group;
    this.rule = rule;
    if (rule instanceof AlertingRule) {
      outputs = Set.of(AlertingRule.ALERTS, AlertingRule.ALERTS_FOR_STATE);
      outputSelector =
          "{__name__=~\""
              + AlertingRule.ALERTS
              + "|"
              + AlertingRule.ALERTS_FOR_STATE
              + "\","
              + AlertingRule.ALERT_NAME
              + "="
              + Selectors.quote(rule.spec().name())
              + ","
              + AlertingRule.ALERT_GROUP
              + "="
              + Selectors.quote(group.name())
              + "}";
    } else {
      outputs = Set.of(rule.spec().name());
      Map<String, String> labels = new TreeMap<>(externalLabels);
      labels.putAll(group.labels());
      labels.putAll(rule.spec().labels());
      outputSelector = Selectors.exact(rule.spec().name(), labels);
    }
  }

  boolean alerting() {
    return rule.spec() instanceof AlertingRuleSpec;
  }

  String name() {
    return rule.spec().name();
  }

  void failed(String error) {
    if (errors++ == 0) {
      firstError = error;
    }
  }

  void fired(Instant at) {
    if (firings++ < RuleSummary.FIRST_FIRINGS) {
      firstFirings.add(at);
    }
  }

  RuleSummary summary() {
    return new RuleSummary(
        group.name(),
        name(),
        alerting(),
        pointsQueried,
        samplesWritten,
        samplesFound,
        errors,
        firstError,
        firings,
        firstFirings);
  }
}
