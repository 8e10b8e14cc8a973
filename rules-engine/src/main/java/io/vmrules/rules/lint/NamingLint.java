package io.vmrules.rules.lint;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import java.util.regex.Pattern;

/**
 * Conventions that make rules findable: recording rules named {@code level:metric:operations}
 * (Prometheus' naming practice), alerts that say what is wrong in a summary or description.
 */
final class NamingLint implements Lint {
  private static final Pattern LEVEL_METRIC_OPERATIONS =
      Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]");

  @Override
  public void check(RuleContext rule) {
    if (rule.rule().spec() instanceof RecordingRuleSpec r && !r.name().isEmpty() // no name is an error already
        && !LEVEL_METRIC_OPERATIONS.matcher(r.name()).matches()) {
      rule.warnRule(LintCodes.RECORD_NAME, "recording rule name \"" + r.name()
          + "\" is not in the level:metric:operations form (e.g. job:http_requests:rate5m)");
    }
    if (rule.rule().spec() instanceof AlertingRuleSpec a
        && !a.annotations().containsKey("summary") && !a.annotations().containsKey("description")) {
      rule.warnRule(LintCodes.ALERT_ANNOTATIONS,
          "alert has neither a \"summary\" nor a \"description\" annotation: say what is wrong and what to do");
    }
  }
}
