package io.vmrules.rules.lint;

import io.vmrules.promql.Names;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.RecordingRuleSpec;

/**
 * Conventions that make rules findable: recording rules named {@code level:metric:operations}
 * (Prometheus' naming practice), alerts that say what is wrong in a summary or description.
 */
final class NamingLint implements Lint {

  @Override
  public void check(RuleContext rule) {
    if (rule.rule().spec() instanceof RecordingRuleSpec r && !r.name().isEmpty() // no name is an error already
        && !isLevelMetricOperations(r.name())) {
      rule.warnRule(LintCodes.RECORD_NAME, "recording rule name \"" + r.name()
          + "\" is not in the level:metric:operations form (e.g. job:http_requests:rate5m)");
    }
    if (rule.rule().spec() instanceof AlertingRuleSpec a
        && !a.annotations().containsKey("summary") && !a.annotations().containsKey("description")) {
      rule.warnRule(LintCodes.ALERT_ANNOTATIONS,
          "alert has neither a \"summary\" nor a \"description\" annotation: say what is wrong and what to do");
    }
  }

  /**
   * {@code [a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]} without a
   * regex (slow on a cold JVM, and every recording rule is checked): a metric name whose first two
   * colons close a level and a metric word, followed by operations that do not end in ':'.
   */
  static boolean isLevelMetricOperations(String name) {
    int level = name.indexOf(':');
    int metric = level < 0 ? -1 : name.indexOf(':', level + 1);
    return Names.isMetricName(name)
        && level > 0
        && metric > level + 1 && !Character.isDigit(name.charAt(level + 1))
        && metric < name.length() - 1 && name.charAt(name.length() - 1) != ':';
  }
}
