package io.vmrules.rules.reload;

import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
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
    return a.withoutPositions().equals(b.withoutPositions());
  }
}
