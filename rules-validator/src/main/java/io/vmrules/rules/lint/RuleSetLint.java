package io.vmrules.rules.lint;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.model.LoadedRule;
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
import java.util.Objects;
import java.util.Set;

/**
 * Checks across rules: duplicate rules in a group ({@link #duplicates}, per file), rules reading a
 * series recorded in another group (their results lag behind by up to an interval of that group),
 * and cycles between recording rules ({@link #check}, over all files).
 */
public final class RuleSetLint {
  private RuleSetLint() {}

  /**
   * What makes two rules duplicates: group (by file and name), name, labels and expression. Hashed
   * once.
   */
  private record Identity(
      String file, String group, String name, Map<String, String> labels, String expr, int hash) {
    static Identity of(GroupSpec group, LoadedRule rule) {
      String expr = rule.spec().expr().strip();
      Map<String, String> labels = rule.spec().labels();
      int hash = Objects.hash(group.file(), group.name(), rule.spec().name(), labels, expr);
      return new Identity(group.file(), group.name(), rule.spec().name(), labels, expr, hash);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * Duplicate rules: same group (by name), name, labels and expression as an earlier rule. Rules of
   * different files are never duplicates, so a file is checked on its own, by the task that loaded
   * it, rather than every rule at the end on one thread (50k rules: a map of 50k entries, built
   * while the other core idled).
   */
  public static List<Finding> duplicates(LoadedFile file, Dialect dialect) {
    // vmalert refuses a group holding the same rule twice; Prometheus evaluates both
    Level level = dialect == Dialect.METRICSQL ? Level.ERROR : Level.WARNING;
    List<Finding> out = new ArrayList<>();
    Map<Identity, LoadedRule> seen = new HashMap<>();
    for (LoadedGroup g : file.groups()) {
      for (LoadedRule r : g.rules()) {
        LoadedRule first = seen.putIfAbsent(Identity.of(g.spec(), r), r);
        if (first != null) {
          report(
              out,
              g.spec(),
              r,
              r.spec().position(),
              level,
              LintCodes.DUPLICATE_RULE,
              "duplicate rule: same name, labels and expression as the rule at line "
                  + first.spec().position().line());
        }
      }
    }
    return out;
  }

  /** Cross-group dependencies and recording cycles, over the rules of every file. */
  public static List<Finding> check(List<CheckedRule> rules) {
    Across across = new Across();
    across.add(rules);
    return across.findings();
  }

  /**
   * The checks across rules, fed the rules as their own checks finish (in file order): a run's
   * waiting thread indexes the recording rules meanwhile, and only what needs every rule is left
   * for the end (50k rules: 33 -> 8 ms serial at the end of a run). The loops' bodies are methods
   * of their own: they run once per rule, and the JVM compiles a method after a few hundred calls
   * but a loop inside one only after some 60k iterations.
   */
  public static final class Across {
    private final List<CheckedRule> rules = new ArrayList<>();
    private final Map<String, List<CheckedRule>> recorders = new HashMap<>();

    /** Every rule added, in the order added. */
    public List<CheckedRule> rules() {
      return java.util.Collections.unmodifiableList(rules);
    }

    /** Adds rules after those added before. */
    public void add(List<CheckedRule> more) {
      rules.addAll(more);
      for (CheckedRule r : more) {
        addRecorder(r);
      }
    }

    /** The findings over every rule added. */
    public List<Finding> findings() {
      List<Finding> out = new ArrayList<>();
      // Only rules that read a recorded series can be part of a cycle: the others get no entry.
      Map<CheckedRule, Set<CheckedRule>> uses = new LinkedHashMap<>();
      for (CheckedRule r : rules) {
        if (!r.reads().isEmpty()) {
          addUses(r, uses, out);
        }
      }
      cycles(uses, out);
      return out;
    }

    private void addRecorder(CheckedRule r) {
      if (r.rule().spec() instanceof RecordingRuleSpec rec) {
        List<CheckedRule> same = recorders.get(rec.name());
        if (same == null) {
          same = new ArrayList<>(1);
          recorders.put(rec.name(), same);
        }
        same.add(r);
      }
    }

    private void addUses(
        CheckedRule r, Map<CheckedRule, Set<CheckedRule>> uses, List<Finding> out) {
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
  }

  /**
   * Same group as {@link io.vmrules.rules.model.GroupSpec#key()} defines it, without building keys.
   */
  private static boolean sameGroup(CheckedRule a, CheckedRule b) {
    return a.group() == b.group()
        || (a.group().name().equals(b.group().name()) && a.group().file().equals(b.group().file()));
  }

  private static void crossGroup(
      CheckedRule r, CheckedRule.MetricRead read, List<CheckedRule> from, List<Finding> out) {
    for (CheckedRule f : from) {
      if (sameGroup(f, r)) {
        return;
      }
    }
    CheckedRule f = from.get(0);
    if (isNumber(f.rule().spec().expr())) {
      return; // a constant (expr: "1", a mapping or a target) reads the same at any pace
    }
    // Reading another group's result at the same pace only lags it by up to one interval, which
    // public rule sets do everywhere (kube-prometheus); a recorder slower than its reader makes
    // the reader see the same stale value several evaluations in a row.
    java.time.Duration recorded = intervalOf(f);
    java.time.Duration reader = intervalOf(r);
    if (recorded.compareTo(reader) <= 0) {
      return;
    }
    report(
        out,
        r,
        r.rule().expr().at(read.offset()),
        Level.WARNING,
        LintCodes.CROSS_GROUP_DEPENDENCY,
        "\""
            + f.rule().spec().name()
            + "\" is recorded every "
            + recorded.toSeconds()
            + "s in group \""
            + f.group().name()
            + "\" ("
            + f.group().file()
            + ":"
            + f.rule().spec().position().line()
            + "), but this rule reads it every "
            + reader.toSeconds()
            + "s, so it sees the same value"
            + " several times; put both rules in one group or align the intervals");
  }

  private static boolean isNumber(String expr) {
    try {
      Double.parseDouble(expr.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A group's interval; the default (none given) is the tools' 1m. */
  private static java.time.Duration intervalOf(CheckedRule r) {
    return r.group().interval() != null ? r.group().interval() : java.time.Duration.ofMinutes(1);
  }

  /** How many names a cycle's message shows before it abbreviates. */
  private static final int CYCLE_NAMES_SHOWN = 6;

  /**
   * Reports every recording rule that is part of a dependency cycle, once, naming the cycle
   * (abbreviated past a few rules: a 10k-rule cycle must not print 10k names 10k times). The cycles
   * are the strongly connected components of the read graph (Tarjan, iterative: linear in the rules
   * and their reads, no recursion depth).
   */
  private static void cycles(Map<CheckedRule, Set<CheckedRule>> uses, List<Finding> out) {
    for (List<CheckedRule> component : stronglyConnected(uses)) {
      // A rule that reads its own series (an accumulator over its value an offset ago, or its
      // other label sets) is a pattern of public rule sets, which both engines run: not a cycle.
      boolean cycle = component.size() > 1;
      if (!cycle
          || component.stream().noneMatch(r -> r.rule().spec() instanceof RecordingRuleSpec)) {
        continue;
      }
      // A warning: both engines load and run it, each rule reading the others' last results.
      String message =
          "recording rules depend on each other in a cycle"
              + cycleText(component, uses)
              + "; each reads the others' results of the evaluation before";
      for (CheckedRule r : component) {
        if (r.rule().spec() instanceof RecordingRuleSpec) {
          report(
              out,
              r,
              r.rule().spec().position(),
              Level.WARNING,
              LintCodes.RECORDING_CYCLE,
              message);
        }
      }
    }
  }

  /** ": a → b → a", following reads inside the component; abbreviated for long cycles. */
  private static String cycleText(
      List<CheckedRule> component, Map<CheckedRule, Set<CheckedRule>> uses) {
    Set<CheckedRule> members = new java.util.HashSet<>(component);
    CheckedRule start = component.get(component.size() - 1);
    StringBuilder names = new StringBuilder(": ").append(start.rule().spec().name());
    Set<CheckedRule> visited = new java.util.HashSet<>();
    CheckedRule at = start;
    int shown = 1;
    while (shown <= CYCLE_NAMES_SHOWN) {
      visited.add(at);
      CheckedRule next = null;
      for (CheckedRule n : uses.getOrDefault(at, Set.of())) {
        if (n == start || (members.contains(n) && !visited.contains(n))) {
          next = n;
          if (n == start) {
            break;
          }
        }
      }
      if (next == null) {
        break;
      }
      names.append(" → ").append(next.rule().spec().name());
      if (next == start) {
        return names.toString();
      }
      at = next;
      shown++;
    }
    return names.append(" → … (").append(component.size()).append(" rules in all)").toString();
  }

  /** Tarjan's strongly connected components, without recursion; each in discovery order. */
  private static List<List<CheckedRule>> stronglyConnected(
      Map<CheckedRule, Set<CheckedRule>> uses) {
    Map<CheckedRule, int[]> index = new HashMap<>(); // {index, lowlink}
    Deque<CheckedRule> stack = new ArrayDeque<>();
    Set<CheckedRule> onStack = new java.util.HashSet<>();
    List<List<CheckedRule>> components = new ArrayList<>();
    int counter = 0;
    for (CheckedRule root : uses.keySet()) {
      if (index.containsKey(root)) {
        continue;
      }
      Deque<CheckedRule> work = new ArrayDeque<>();
      Deque<java.util.Iterator<CheckedRule>> edges = new ArrayDeque<>();
      index.put(root, new int[] {counter, counter});
      counter++;
      stack.push(root);
      onStack.add(root);
      work.push(root);
      edges.push(uses.getOrDefault(root, Set.of()).iterator());
      while (!work.isEmpty()) {
        CheckedRule node = work.peek();
        java.util.Iterator<CheckedRule> it = edges.peek();
        if (it.hasNext()) {
          CheckedRule next = it.next();
          int[] seen = index.get(next);
          if (seen == null) {
            index.put(next, new int[] {counter, counter});
            counter++;
            stack.push(next);
            onStack.add(next);
            work.push(next);
            edges.push(uses.getOrDefault(next, Set.of()).iterator());
          } else if (onStack.contains(next)) {
            index.get(node)[1] = Math.min(index.get(node)[1], seen[0]);
          }
          continue;
        }
        work.pop();
        edges.pop();
        int[] own = index.get(node);
        if (!work.isEmpty()) {
          int[] parent = index.get(work.peek());
          parent[1] = Math.min(parent[1], own[1]);
        }
        if (own[1] == own[0]) {
          List<CheckedRule> component = new ArrayList<>();
          CheckedRule member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
          } while (member != node);
          components.add(component);
        }
      }
    }
    return components;
  }

  private static void report(
      List<Finding> out,
      CheckedRule r,
      SourcePosition at,
      Level level,
      String code,
      String message) {
    report(out, r.group(), r.rule(), at, level, code, message);
  }

  private static void report(
      List<Finding> out,
      GroupSpec group,
      LoadedRule rule,
      SourcePosition at,
      Level level,
      String code,
      String message) {
    if (!rule.disabled().contains(code)) {
      out.add(Finding.at(at, level, code, group.name(), rule.spec().name(), message));
    }
  }
}
