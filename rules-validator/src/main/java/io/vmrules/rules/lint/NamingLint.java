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
    // Only a name without any colon: it reads like a scraped metric, which is what the convention
    // is there to prevent. Two-part and other colon names (apiserver_request:burnrate1h, the most
    // used public rules') keep recorded series apart just as well, and warning on them was noise.
    if (rule.rule().spec() instanceof RecordingRuleSpec r
        && !r.name().isEmpty() // no name is an error already
        && r.name().indexOf(':') < 0) {
      rule.warnRule(
          LintCodes.RECORD_NAME,
          "recording rule name \""
              + r.name()
              + "\" has no colon, so it reads like a scraped metric; use the level:metric:operations form"
              + " (e.g. job:http_requests:rate5m)");
    }
    if (rule.rule().spec() instanceof AlertingRuleSpec a
        && !a.annotations().containsKey("summary")
        && !a.annotations().containsKey("description")
        // kubernetes-mixin and other jsonnet mixins write "message"
        && !a.annotations().containsKey("message")) {
      rule.warnRule(
          LintCodes.ALERT_ANNOTATIONS,
          "alert has neither a \"summary\" nor a \"description\" annotation: say what is wrong and what to do");
    }
  }
}
