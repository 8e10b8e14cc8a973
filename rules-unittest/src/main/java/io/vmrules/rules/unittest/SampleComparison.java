package io.vmrules.rules.unittest;

import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.unittest.TestFile.ExpectedSample;
import io.vmrules.rules.unittest.TestFile.ExprTest;
import io.vmrules.rules.unittest.TestResults.Failure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Expected against queried samples, in any order: the same label sets, and values equal (NaN equals
 * NaN), or equal to a relative 1e-6 under {@code fuzzy_compare}, as promtool compares them.
 */
final class SampleComparison {
  /** promtool's epsilon for {@code fuzzy_compare}. */
  static final double EPSILON = 1e-6;

  private record Point(String labels, double value) {}

  private SampleComparison() {}

  static Failure compare(ExprTest test, List<Sample> got, boolean fuzzy) {
    List<Point> exp = new ArrayList<>();
    for (ExpectedSample s : test.expected()) {
      exp.add(new Point(Texts.labels(s.labels().asMap()), s.value()));
    }
    List<Point> act = new ArrayList<>();
    for (Sample s : got) {
      act.add(new Point(Texts.labels(s.labels().asMap()), s.value()));
    }
    Comparator<Point> order = Comparator.comparing(Point::labels);
    exp.sort(order);
    act.sort(order);
    if (same(exp, act, fuzzy)) {
      return null;
    }
    String message =
        "expr: "
            + Texts.quote(test.expr())
            + ", time: "
            + Texts.duration(test.evalTime())
            + ",\n    exp: "
            + list(exp)
            + "\n    got: "
            + list(act);
    return new Failure(test.line(), message, diff(exp, act, fuzzy));
  }

  private static boolean same(List<Point> exp, List<Point> act, boolean fuzzy) {
    if (exp.size() != act.size()) {
      return false;
    }
    for (int i = 0; i < exp.size(); i++) {
      if (!exp.get(i).labels().equals(act.get(i).labels())
          || !equal(exp.get(i).value(), act.get(i).value(), fuzzy)) {
        return false;
      }
    }
    return true;
  }

  static boolean equal(double a, double b, boolean fuzzy) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (a == b) {
      return true;
    }
    return fuzzy && Math.abs(a - b) <= EPSILON * Math.max(Math.abs(a), Math.abs(b));
  }

  private static String list(List<Point> points) {
    if (points.isEmpty()) {
      return "nothing";
    }
    StringBuilder b = new StringBuilder();
    for (Point p : points) {
      if (b.length() > 0) {
        b.append("\n         ");
      }
      b.append(p.labels()).append(' ').append(Texts.number(p.value()));
    }
    return b.toString();
  }

  private static List<String> diff(List<Point> exp, List<Point> act, boolean fuzzy) {
    Map<String, Double> got = new java.util.LinkedHashMap<>();
    for (Point p : act) {
      got.put(p.labels(), p.value());
    }
    List<String> out = new ArrayList<>();
    for (Point p : exp) {
      Double g = got.remove(p.labels());
      if (g == null) {
        out.add("- " + p.labels() + " " + Texts.number(p.value()));
      } else if (!equal(p.value(), g, fuzzy)) {
        out.add(
            "~ " + p.labels() + ": exp " + Texts.number(p.value()) + ", got " + Texts.number(g));
      }
    }
    for (Map.Entry<String, Double> e : got.entrySet()) {
      out.add("+ " + e.getKey() + " " + Texts.number(e.getValue()));
    }
    return out;
  }
}
