package io.vmrules.rules.unittest;

import io.vmrules.rules.unittest.TestFile.AlertTest;
import io.vmrules.rules.unittest.TestResults.Failure;
import io.vmrules.rules.unittest.TestRunner.AlertView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Expected against firing alerts: equal when the two lists hold the same alerts (labels and every
 * annotation), in any order, as promtool compares them.
 */
final class AlertComparison {
  private static final Comparator<AlertView> ORDER =
      Comparator.comparing((AlertView a) -> Texts.labels(a.labels()))
          .thenComparing(a -> Texts.labels(a.annotations()));

  private AlertComparison() {}

  /** Null when they agree; else the failure, with the message and the differences. */
  static Failure compare(AlertTest test, List<AlertView> expected, List<AlertView> got) {
    List<AlertView> exp = new ArrayList<>(expected);
    List<AlertView> act = new ArrayList<>(got);
    exp.sort(ORDER);
    act.sort(ORDER);
    if (exp.equals(act)) {
      return null;
    }
    String message =
        "alertname: "
            + test.alertname()
            + ", time: "
            + Texts.duration(test.evalTime())
            + ",\n    exp:"
            + list(exp)
            + ",\n    got:"
            + list(act);
    return new Failure(test.line(), message, diff(exp, act));
  }

  private static String list(List<AlertView> alerts) {
    if (alerts.isEmpty()) {
      return "[]";
    }
    StringBuilder b = new StringBuilder("[\n");
    for (int i = 0; i < alerts.size(); i++) {
      AlertView a = alerts.get(i);
      b.append("        ")
          .append(i)
          .append(":\n          Labels:")
          .append(Texts.labels(a.labels()))
          .append("\n          Annotations:")
          .append(Texts.labels(a.annotations()))
          .append('\n');
    }
    return b.append("        ]").toString();
  }

  /**
   * Only what differs: alerts that match exactly are left out; an expected and a firing alert with
   * the same labels show their differing annotations; of the rest, each expected alert is paired
   * with the firing one sharing most labels and shows the labels that differ; unpaired ones are
   * listed whole.
   */
  static List<String> diff(List<AlertView> exp, List<AlertView> got) {
    List<AlertView> missing = new ArrayList<>(exp);
    List<AlertView> extra = new ArrayList<>(got);
    for (AlertView e : exp) {
      if (extra.remove(e)) {
        missing.remove(e);
      }
    }
    List<String> out = new ArrayList<>();
    for (AlertView e : new ArrayList<>(missing)) {
      AlertView pair = null;
      int best = -1;
      for (AlertView g : extra) {
        int shared = shared(e.labels(), g.labels());
        if (e.labels().equals(g.labels())) {
          shared = Integer.MAX_VALUE;
        }
        if (shared > best) {
          best = shared;
          pair = g;
        }
      }
      if (pair == null || (best == 0 && e.labels().size() > 1)) {
        continue;
      }
      missing.remove(e);
      extra.remove(pair);
      out.add("~ alert " + Texts.labels(e.labels()) + ":");
      changes(out, "label", e.labels(), pair.labels());
      changes(out, "annotation", e.annotations(), pair.annotations());
    }
    for (AlertView e : missing) {
      out.add("- expected, not firing: " + Texts.labels(e.labels()));
    }
    for (AlertView g : extra) {
      out.add("+ firing, not expected: " + Texts.labels(g.labels()));
    }
    return out;
  }

  private static int shared(Map<String, String> a, Map<String, String> b) {
    int n = 0;
    for (Map.Entry<String, String> e : a.entrySet()) {
      if (e.getValue().equals(b.get(e.getKey()))) {
        n++;
      }
    }
    return n;
  }

  private static void changes(
      List<String> out, String what, Map<String, String> exp, Map<String, String> got) {
    TreeSet<String> keys = new TreeSet<>(exp.keySet());
    keys.addAll(got.keySet());
    for (String k : keys) {
      String e = exp.get(k);
      String g = got.get(k);
      if (Objects.equals(e, g)) {
        continue;
      }
      if (e != null) {
        out.add("    - " + what + " " + k + "=" + Texts.quote(e));
      }
      if (g != null) {
        out.add("    + " + what + " " + k + "=" + Texts.quote(g));
      }
    }
  }
}
