package io.vmrules.rules.lint;

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
   * {@code [a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]}, scanned by
   * hand: a regex is slow on a cold JVM, and every recording rule is checked.
   */
  static boolean isLevelMetricOperations(String name) {
    int i = 0;
    for (int part = 0; part < 2; part++) { // level: and metric:, words without ':'
      int start = i;
      while (i < name.length() && isWordChar(name.charAt(i)) && !(i == start && isDigit(name.charAt(i)))) {
        i++;
      }
      if (i == start || i >= name.length() || name.charAt(i) != ':') {
        return false;
      }
      i++;
    }
    if (i >= name.length() || name.charAt(name.length() - 1) == ':') {
      return false;
    }
    for (; i < name.length(); i++) {
      if (!isWordChar(name.charAt(i)) && name.charAt(i) != ':') {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
