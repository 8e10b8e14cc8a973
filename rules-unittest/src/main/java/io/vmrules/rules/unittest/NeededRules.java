package io.vmrules.rules.unittest;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.unittest.TestFile.AlertTest;
import io.vmrules.rules.unittest.TestFile.ExprTest;
import io.vmrules.rules.unittest.TestFile.TestGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a test group's checks can depend on: the alerts it names, the recorded series its
 * expressions read, and, transitively, what those rules read. The others cannot change a check's
 * outcome, and evaluating them at every tick was most of a run's queries (a test of one alert of a
 * file of thirty rules). Conservative: a name is read when its text occurs in an expression; an
 * expression selecting by {@code __name__}, reading {@code ALERTS}, or a template that calls {@code
 * query} keeps every rule.
 */
final class NeededRules {
  private NeededRules() {}

  static List<GroupSpec> of(List<GroupSpec> groups, TestGroup test) {
    Set<RuleSpec> needed = new HashSet<>();
    List<String> reads = new ArrayList<>();
    for (AlertTest a : test.alertTests()) {
      for (GroupSpec g : groups) {
        for (RuleSpec r : g.rules()) {
          if (r instanceof AlertingRuleSpec && r.name().equals(a.alertname())) {
            needed.add(r);
          }
        }
      }
    }
    for (ExprTest e : test.exprTests()) {
      reads.add(e.expr());
    }
    for (RuleSpec r : needed) {
      reads.addAll(texts(r));
    }
    for (int i = 0; i < reads.size(); i++) {
      String text = reads.get(i);
      if (readsEverything(text)) {
        return groups;
      }
      for (GroupSpec g : groups) {
        for (RuleSpec r : g.rules()) {
          if (r instanceof RecordingRuleSpec && text.contains(r.name()) && needed.add(r)) {
            reads.addAll(texts(r));
          }
        }
      }
    }
    List<GroupSpec> out = new ArrayList<>();
    for (GroupSpec g : groups) {
      List<RuleSpec> kept = new ArrayList<>();
      for (RuleSpec r : g.rules()) {
        if (needed.contains(r)) {
          kept.add(r);
        }
      }
      if (!kept.isEmpty()) {
        out.add(g.withRules(kept));
      }
    }
    return out;
  }

  private static boolean readsEverything(String text) {
    return text.contains("__name__") || text.contains("ALERTS") || text.contains("query");
  }

  /** The texts of a rule that may read series: its expression and templates. */
  private static List<String> texts(RuleSpec r) {
    List<String> out = new ArrayList<>();
    out.add(r.expr());
    for (Map.Entry<String, String> e : r.labels().entrySet()) {
      out.add(e.getValue());
    }
    if (r instanceof AlertingRuleSpec a) {
      out.addAll(a.annotations().values());
    }
    return out;
  }
}
