package io.vmrules.rules.model;

import java.util.Map;

/** A rule as written in a rule file: alerting or recording. */
public sealed interface RuleSpec permits AlertingRuleSpec, RecordingRuleSpec {
  /** The alert or record name. */
  String name();

  String expr();

  /** Labels added to every result, sorted by name. */
  Map<String, String> labels();

  /** Where the rule starts in its file. */
  SourcePosition position();
}
