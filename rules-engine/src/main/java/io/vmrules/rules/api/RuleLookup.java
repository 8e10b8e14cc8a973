package io.vmrules.rules.api;

import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.RuleSnapshot;
import java.util.List;

/** Finds one rule by group name (and file) and rule name, as the rule API and page address it. */
public final class RuleLookup {
  private RuleLookup() {}

  /** A rule and the group it is in. */
  public record Found(GroupSnapshot group, RuleSnapshot rule) {}

  /**
   * The first rule named {@code rule} in the first group named {@code group} (in {@code file}, when
   * not null) that has one; null when none.
   */
  public static Found find(List<GroupSnapshot> groups, String group, String file, String rule) {
    for (GroupSnapshot g : groups) {
      if (!g.spec().name().equals(group) || (file != null && !g.spec().file().equals(file))) {
        continue;
      }
      for (RuleSnapshot r : g.rules()) {
        if (r.spec().name().equals(rule)) {
          return new Found(g, r);
        }
      }
    }
    return null;
  }
}
