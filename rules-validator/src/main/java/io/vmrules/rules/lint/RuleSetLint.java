package io.vmrules.rules.lint;

import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across rules: duplicate rules in a group, rules reading a series recorded in another group
 * (their results lag behind by up to an interval of that group), and cycles between recording rules.
 */
public final class RuleSetLint {
  private RuleSetLint() {}

  public static List<Finding> check(List<CheckedRule> rules) {
    List<Finding> out = new ArrayList<>();
    duplicates(rules, out);
    Map<String, List<CheckedRule>> recorders = new HashMap<>(rules.size());
    for (CheckedRule r : rules) {
      if (r.rule().spec() instanceof RecordingRuleSpec rec) {
        recorders.computeIfAbsent(rec.name(), k -> new ArrayList<>()).add(r);
      }
    }
    // Only rules that read a recorded series can be part of a cycle: the others get no entry.
    Map<CheckedRule, Set<CheckedRule>> uses = new LinkedHashMap<>();
    for (CheckedRule r : rules) {
      Set<CheckedRule> deps = null;
      for (CheckedRule.MetricRead read : r.reads()) {
        List<CheckedRule> from = recorders.get(read.name());
        if (from != null) {
          if (deps == null) {
            deps = new LinkedHashSet<>();
            uses.put(r, deps);
          }
          deps.addAll(from);
          crossGroup(r, read, from, out);
        }
      }
    }
    cycles(uses, out);
    return out;
  }

  /** Same group as {@link io.vmrules.rules.model.GroupSpec#key()} defines it, without building keys. */
  private static boolean sameGroup(CheckedRule a, CheckedRule b) {
    return a.group() == b.group()
        || (a.group().name().equals(b.group().name()) && a.group().file().equals(b.group().file()));
  }

  private static void duplicates(List<CheckedRule> rules, List<Finding> out) {
    Map<CheckedRule.Identity, CheckedRule> seen = new HashMap<>(rules.size() * 2);
    for (CheckedRule r : rules) {
      CheckedRule first = seen.putIfAbsent(r.identity(), r);
      if (first != null) {
        report(out, r, r.rule().spec().position(), Level.WARNING, LintCodes.DUPLICATE_RULE,
            "duplicate rule: same name, labels and expression as the rule at line "
                + first.rule().spec().position().line());
      }
    }
  }

  private static void crossGroup(CheckedRule r, CheckedRule.MetricRead read, List<CheckedRule> from, List<Finding> out) {
    for (CheckedRule f : from) {
      if (sameGroup(f, r)) {
        return;
      }
    }
    CheckedRule f = from.get(0);
    // Reading another group's result at the same pace only lags it by up to one interval, which
    // public rule sets do everywhere (kube-prometheus); a recorder slower than its reader makes
    // the reader see the same stale value several evaluations in a row.
    java.time.Duration recorded = intervalOf(f);
    java.time.Duration reader = intervalOf(r);
    if (recorded.compareTo(reader) <= 0) {
      return;
    }
    report(out, r, r.rule().expr().at(read.offset()), Level.WARNING, LintCodes.CROSS_GROUP_DEPENDENCY,
        "\"" + f.rule().spec().name() + "\" is recorded every " + recorded.toSeconds() + "s in group \""
            + f.group().name() + "\" (" + f.group().file() + ":" + f.rule().spec().position().line()
            + "), but this rule reads it every " + reader.toSeconds() + "s, so it sees the same value"
            + " several times; put both rules in one group or align the intervals");
  }

  /** A group's interval; the default (none given) is the tools' 1m. */
  private static java.time.Duration intervalOf(CheckedRule r) {
    return r.group().interval() != null ? r.group().interval() : java.time.Duration.ofMinutes(1);
  }

  /** Reports every recording rule that depends on itself, once per cycle, with the path. */
  private static void cycles(Map<CheckedRule, Set<CheckedRule>> uses, List<Finding> out) {
    Set<CheckedRule> done = new java.util.HashSet<>();
    for (CheckedRule start : uses.keySet()) {
      if (!(start.rule().spec() instanceof RecordingRuleSpec) || done.contains(start)) {
        continue;
      }
      List<CheckedRule> path = pathBack(start, uses);
      if (path != null) {
        StringBuilder names = new StringBuilder();
        for (CheckedRule p : path) {
          names.append(p.rule().spec().name()).append(" → ");
        }
        names.append(start.rule().spec().name());
        for (CheckedRule p : path) {
          if (done.add(p)) {
            report(out, p, p.rule().spec().position(), Level.ERROR, LintCodes.RECORDING_CYCLE,
                "recording rules depend on each other in a cycle: " + names);
          }
        }
      }
    }
  }

  /** A path of recording rules from {@code start} back to itself, or null. Iterative DFS. */
  private static List<CheckedRule> pathBack(CheckedRule start, Map<CheckedRule, Set<CheckedRule>> uses) {
    Map<CheckedRule, CheckedRule> parent = new HashMap<>();
    Deque<CheckedRule> stack = new ArrayDeque<>();
    stack.push(start);
    Set<CheckedRule> seen = new java.util.HashSet<>();
    while (!stack.isEmpty()) {
      CheckedRule node = stack.pop();
      for (CheckedRule next : uses.getOrDefault(node, Set.of())) {
        if (next == start) {
          List<CheckedRule> path = new ArrayList<>();
          for (CheckedRule p = node; p != null; p = parent.get(p)) {
            path.add(0, p);
          }
          return path;
        }
        if (seen.add(next)) {
          parent.put(next, node);
          stack.push(next);
        }
      }
    }
    return null;
  }

  private static void report(
      List<Finding> out, CheckedRule r, SourcePosition at, Level level, String code, String message) {
    if (!r.rule().disabled().contains(code)) {
      out.add(Finding.at(at, level, code, r.group().name(), r.rule().spec().name(), message));
    }
  }
}
