package io.vmrules.rules.reload;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What makes a rule "the same rule" across a reload: its group (file and name), its name, its
 * labels and its expression. Where it sits in the file does not count.
 */
record RuleIdentity(String group, String name, Map<String, String> labels, String expr) {
  static RuleIdentity of(GroupSpec group, RuleSpec rule) {
    return new RuleIdentity(group.key(), rule.name(), rule.labels(), rule.expr());
  }

  /** Whether two groups are defined alike, positions in their file aside. */
  static boolean sameDefinition(GroupSpec a, GroupSpec b) {
    return withoutPositions(a).equals(withoutPositions(b));
  }

  private static GroupSpec withoutPositions(GroupSpec g) {
    List<RuleSpec> rules = new ArrayList<>(g.rules().size());
    for (RuleSpec r : g.rules()) {
      rules.add(
          r instanceof AlertingRuleSpec a
              ? new AlertingRuleSpec(
                  a.name(),
                  a.expr(),
                  a.forDuration(),
                  a.keepFiringFor(),
                  a.labels(),
                  a.annotations(),
                  null)
              : new RecordingRuleSpec(r.name(), r.expr(), r.labels(), null));
    }
    return new GroupSpec(
        g.file(),
        g.name(),
        g.interval(),
        g.limit(),
        g.concurrency(),
        g.evalOffset(),
        g.queryOffset(),
        g.labels(),
        g.params(),
        g.headers(),
        g.type(),
        rules,
        null);
  }
}
