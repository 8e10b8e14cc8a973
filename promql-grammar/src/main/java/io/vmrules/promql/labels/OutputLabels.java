package io.vmrules.promql.labels;

import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.MatchOp;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.NumberLiteral;
import io.vmrules.promql.ast.OffsetExpr;
import io.vmrules.promql.ast.ParenExpr;
import io.vmrules.promql.ast.StringLiteral;
import io.vmrules.promql.ast.SubqueryExpr;
import io.vmrules.promql.ast.UnaryExpr;
import io.vmrules.promql.ast.VectorMatching;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.promql.ast.WithExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which labels an expression's result series can carry, as Prometheus computes result labels.
 * Conservative: where the answer is not known, any label may appear, so a lint built on it never
 * warns about a label that could be there.
 */
public final class OutputLabels {
  /** Aggregations that reduce series to their {@code by}/{@code without} groups. */
  private static final Set<String> REDUCING =
      Set.of(
          "sum",
          "avg",
          "min",
          "max",
          "count",
          "stddev",
          "stdvar",
          "group",
          "quantile",
          "count_values",
          "median",
          "geomean",
          "mode",
          "sum2",
          "distinct",
          "mad",
          "any");

  private OutputLabels() {}

  public static LabelSet of(Expr e) {
    if (e instanceof NumberLiteral || e instanceof StringLiteral) {
      return LabelSet.NONE;
    }
    if (e instanceof VectorSelector || e instanceof MatrixSelector) {
      return LabelSet.ANY;
    }
    if (e instanceof SubqueryExpr s) {
      return of(s.expr());
    }
    if (e instanceof OffsetExpr o) {
      return of(o.expr());
    }
    if (e instanceof ParenExpr p) {
      return of(p.expr());
    }
    if (e instanceof UnaryExpr u) {
      return of(u.expr());
    }
    if (e instanceof WithExpr) {
      return LabelSet.ANY; // templates would need expanding first
    }
    if (e instanceof AggregateExpr a) {
      return aggregate(a);
    }
    if (e instanceof BinaryExpr b) {
      return binary(b);
    }
    return call((Call) e);
  }

  private static LabelSet aggregate(AggregateExpr a) {
    String op = a.op();
    LabelSet inner = LabelSet.NONE;
    for (Expr arg : vectorArgs(a.args(), op)) {
      inner = inner == LabelSet.NONE ? of(arg) : inner.union(of(arg));
    }
    if (op.startsWith("topk") || op.startsWith("bottomk") || op.startsWith("limit")) {
      return inner; // filters: the series keep their labels
    }
    if (!REDUCING.contains(op)) {
      return LabelSet.ANY;
    }
    List<String> extra = new ArrayList<>();
    if (op.equals("count_values")
        && !a.args().isEmpty()
        && Exprs.unwrap(a.args().get(0)) instanceof StringLiteral s) {
      extra.add(s.value());
    }
    if (a.grouping() == null) {
      return LabelSet.closed(extra);
    }
    LabelSet grouped =
        a.grouping().without()
            ? inner.drop(a.grouping().labels())
            : inner.keep(a.grouping().labels());
    return grouped.add(extra);
  }

  /**
   * The aggregated expressions: the last argument, or all of them for MetricsQL's {@code sum(a,
   * b)}.
   */
  private static List<Expr> vectorArgs(List<Expr> args, String op) {
    if (args.isEmpty()) {
      return args;
    }
    boolean hasParam =
        switch (op) {
          case "topk", "bottomk", "limitk", "limit_ratio", "quantile", "count_values" -> true;
          default -> false;
        };
    return hasParam ? args.subList(args.size() - 1, args.size()) : args;
  }

  private static LabelSet binary(BinaryExpr b) {
    LabelSet lhs = of(b.lhs());
    LabelSet rhs = of(b.rhs());
    if (isScalar(b.lhs())) {
      return rhs;
    }
    if (isScalar(b.rhs())) {
      return lhs;
    }
    switch (b.op()) {
      case OR:
        return lhs.union(rhs);
      case AND, UNLESS, DEFAULT, IF, IFNOT:
        return lhs;
      default:
        break;
    }
    VectorMatching m = b.matching();
    if (m == null || !m.hasLabels()) {
      return lhs;
    }
    return switch (m.group()) {
      case NONE -> m.on() ? lhs.keep(m.labels()) : lhs.drop(m.labels());
      case LEFT -> lhs.add(m.include());
      case RIGHT -> rhs.add(m.include());
    };
  }

  private static boolean isScalar(Expr e) {
    Expr x = Exprs.unwrap(e);
    while (x instanceof UnaryExpr u) {
      x = Exprs.unwrap(u.expr());
    }
    if (x instanceof NumberLiteral) {
      return true;
    }
    if (x instanceof Call c) {
      String n = c.name().toLowerCase(Locale.ROOT);
      return n.equals("scalar") || n.equals("time") || n.equals("pi");
    }
    return false;
  }

  private static LabelSet call(Call c) {
    String name = c.name().toLowerCase(Locale.ROOT);
    List<Expr> args = c.args();
    switch (name) {
      case "vector", "time", "scalar", "pi", "now":
        return LabelSet.NONE;
      case "absent", "absent_over_time":
        return absent(args);
      case "label_replace", "label_join":
        return args.size() >= 2 && Exprs.unwrap(args.get(1)) instanceof StringLiteral dst
            ? of(args.get(0)).add(List.of(dst.value()))
            : LabelSet.ANY;
      case "histogram_quantile":
        return args.size() >= 2 ? of(args.get(1)).drop(List.of("le")) : LabelSet.ANY;
      default:
        break;
    }
    if (name.startsWith("label_")) {
      return LabelSet.ANY; // MetricsQL's label manipulation functions: not tracked
    }
    for (Expr arg : args) {
      Expr x = Exprs.unwrap(arg);
      if (!(x instanceof NumberLiteral) && !(x instanceof StringLiteral)) {
        return of(arg);
      }
    }
    return args.isEmpty() ? LabelSet.NONE : LabelSet.ANY;
  }

  /** {@code absent(x{job="a"})} has the labels of the selector's equality matchers. */
  private static LabelSet absent(List<Expr> args) {
    if (args.isEmpty()) {
      return LabelSet.ANY;
    }
    Expr x = Exprs.unwrap(args.get(0));
    VectorSelector v =
        x instanceof MatrixSelector m ? m.selector() : x instanceof VectorSelector s ? s : null;
    if (v == null) {
      return LabelSet.NONE;
    }
    List<String> names = new ArrayList<>();
    for (LabelMatcher m : v.matchers()) {
      if (m.op() == MatchOp.EQ && !m.name().equals("__name__")) {
        names.add(m.name());
      }
    }
    return LabelSet.closed(names);
  }
}
