package io.vmrules.promql.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Generic traversal of the AST, so analyses need not repeat the shape of every node. */
public final class Exprs {
  private Exprs() {}

  /**
   * The direct sub-expressions of {@code e}, in source order (durations given by expressions too).
   */
  public static List<Expr> children(Expr e) {
    List<Expr> out = new ArrayList<>(4);
    addChildren(e, out);
    return out;
  }

  private static void addChildren(Expr e, List<Expr> out) {
    if (e instanceof VectorSelector v) {
      duration(v.offset(), out);
      add(v.at(), out);
    } else if (e instanceof MatrixSelector m) {
      out.add(m.selector());
      duration(m.range(), out);
    } else if (e instanceof SubqueryExpr s) {
      out.add(s.expr());
      duration(s.range(), out);
      duration(s.step(), out);
      duration(s.offset(), out);
      add(s.at(), out);
    } else if (e instanceof OffsetExpr o) {
      out.add(o.expr());
      duration(o.offset(), out);
      add(o.at(), out);
    } else if (e instanceof Call c) {
      out.addAll(c.args());
    } else if (e instanceof AggregateExpr a) {
      out.addAll(a.args());
    } else if (e instanceof BinaryExpr b) {
      out.add(b.lhs());
      out.add(b.rhs());
    } else if (e instanceof UnaryExpr u) {
      out.add(u.expr());
    } else if (e instanceof ParenExpr p) {
      out.add(p.expr());
    } else if (e instanceof WithExpr w) {
      for (WithExpr.Definition d : w.definitions()) {
        out.add(d.value());
      }
      out.add(w.body());
    }
  }

  /**
   * {@code e} and every expression below it, parents first: the order of {@link #walk}, for several
   * analyses of one expression to share one traversal.
   */
  public static List<Expr> preorder(Expr e) {
    List<Expr> out = new ArrayList<>();
    walk(e, out::add);
    return out;
  }

  /** Visits {@code e} and every expression below it, parents first. */
  public static void walk(Expr e, Consumer<Expr> visitor) {
    // An explicit stack: generated expressions can nest deeper than the thread's stack allows.
    ArrayList<Expr> stack = new ArrayList<>();
    stack.add(e);
    while (!stack.isEmpty()) {
      Expr next = stack.remove(stack.size() - 1);
      visitor.accept(next);
      // The children go on the stack as they are, then are reversed there: first child on top.
      int from = stack.size();
      addChildren(next, stack);
      for (int i = from, j = stack.size() - 1; i < j; i++, j--) {
        stack.set(i, stack.set(j, stack.get(i)));
      }
    }
  }

  /** {@code e} without enclosing parentheses. */
  public static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  /**
   * The metric name a selector asks for: its name, or a {@code __name__="x"} matcher; null when
   * neither is given.
   */
  public static String metricName(VectorSelector v) {
    if (v.name() != null) {
      return v.name();
    }
    for (LabelMatcher m : v.matchers()) {
      if ("__name__".equals(m.name()) && m.op() == MatchOp.EQ) {
        return m.value();
      }
    }
    return null;
  }

  private static void duration(Duration d, List<Expr> out) {
    if (d != null && d.expr() != null) {
      out.add(d.expr());
    }
  }

  private static void add(Expr e, List<Expr> out) {
    if (e != null) {
      out.add(e);
    }
  }
}
