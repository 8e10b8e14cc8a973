package io.vmrules.promql.parse;

import io.vmrules.promql.Span;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.NumberLiteral;
import io.vmrules.promql.ast.ParenExpr;
import io.vmrules.promql.ast.UnaryExpr;
import io.vmrules.promql.parse.PromQLParser.ArgListContext;
import io.vmrules.promql.parse.PromQLParser.BinaryExprContext;
import io.vmrules.promql.parse.PromQLParser.CallContext;
import io.vmrules.promql.parse.PromQLParser.DurationLiteralContext;
import io.vmrules.promql.parse.PromQLParser.ExprContext;
import io.vmrules.promql.parse.PromQLParser.NumberLiteralContext;
import io.vmrules.promql.parse.PromQLParser.ParenExprContext;
import io.vmrules.promql.parse.PromQLParser.PrimaryExprContext;
import io.vmrules.promql.parse.PromQLParser.UnaryExprContext;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Prometheus' duration expressions (on by default since 3.14, behind {@code
 * --enable-feature=promql-duration-expr} before): arithmetic ({@code + - * / % ^}) of numbers and
 * durations, {@code step()}, {@code range()}, {@code min_of(a, b)} and {@code max_of(a, b)} where a
 * range, a subquery step or an offset stands ({@code x[5m * 2]}, {@code x offset (1h / 2)}). The
 * grammar reads any expression there; this recognises the ones that are duration expressions.
 * Numbers and durations become numbers of seconds, as Prometheus reads them.
 */
final class DurationExpression {
  /** The longest duration Prometheus holds (Go's time.Duration), in seconds. */
  static final double MAX_SECONDS = Long.MAX_VALUE / 1e9;

  private DurationExpression() {}

  /** {@code ctx} as a duration expression, or null when it is none. */
  static Expr of(ExprContext ctx) {
    if (ctx instanceof PrimaryExprContext p) {
      if (p.value instanceof NumberLiteralContext n) {
        Literals.Number v = Literals.number(n.value.getText());
        return v == null || v.metricsqlOnly()
            ? null
            : new NumberLiteral(v.value(), AstBuilder.span(n));
      }
      if (p.value instanceof DurationLiteralContext d) {
        return durationLiteral(d.value);
      }
      if (p.value instanceof ParenExprContext pe
          && pe.items.size() == 1
          && pe.trailing == null
          && pe.keep == null) {
        Expr inner = of(pe.items.get(0));
        // parentheses around one number or call change nothing: -(step()) is -step()
        return inner == null || inner instanceof NumberLiteral || inner instanceof Call
            ? inner
            : new ParenExpr(inner, AstBuilder.span(pe));
      }
      if (p.value instanceof CallContext c) {
        return call(c);
      }
      return null;
    }
    if (ctx instanceof UnaryExprContext u) {
      Expr operand = of(u.operand);
      return operand == null
          ? null
          : new UnaryExpr(u.sign.getType() == PromQLLexer.SUB, operand, AstBuilder.span(u));
    }
    if (ctx instanceof BinaryExprContext b
        && b.mod.boolMod == null
        && b.mod.matchKind == null
        && operator(b.op.getType()) != null) {
      Expr lhs = of(b.lhs);
      Expr rhs = lhs == null ? null : of(b.rhs);
      return rhs == null
          ? null
          : new BinaryExpr(
              operator(b.op.getType()), lhs, rhs, false, null, false, AstBuilder.span(b));
    }
    return null;
  }

  private static BinaryOp operator(int token) {
    return switch (token) {
      case PromQLLexer.ADD -> BinaryOp.ADD;
      case PromQLLexer.SUB -> BinaryOp.SUB;
      case PromQLLexer.MUL -> BinaryOp.MUL;
      case PromQLLexer.DIV -> BinaryOp.DIV;
      case PromQLLexer.MOD -> BinaryOp.MOD;
      case PromQLLexer.POW -> BinaryOp.POW;
      default -> null;
    };
  }

  /**
   * A duration token as seconds; null for MetricsQL's forms (steps, fractions, units out of order).
   */
  private static Expr durationLiteral(Token token) {
    Literals.DurationValue v = Literals.duration(token.getText());
    return v.steps() != 0 || v.promqlProblem() != null
        ? null
        : new NumberLiteral(v.millis() / 1000.0, AstBuilder.span(token));
  }

  private static Expr call(CallContext c) {
    if (c.group != null || c.lim != null || c.keep != null) {
      return null;
    }
    return call(c.name.start.getText(), c.args, AstBuilder.span(c));
  }

  /**
   * {@code step()}, {@code range()}, {@code min_of(a, b)}, {@code max_of(a, b)}; else null. Also
   * what follows {@code offset} without parentheses ({@code offset step()}).
   */
  static Expr call(String text, ArgListContext args, Span where) {
    String name = text.toLowerCase(java.util.Locale.ROOT); // keywords in Prometheus: STEP() too
    int arity = args == null ? 0 : args.items.size();
    if ((name.equals("step") || name.equals("range")) && arity == 0) {
      return new Call(name, List.of(), false, where);
    }
    if ((name.equals("min_of") || name.equals("max_of")) && arity == 2 && args.trailing == null) {
      Expr a = of(args.items.get(0));
      Expr b = a == null ? null : of(args.items.get(1));
      return b == null ? null : new Call(name, List.of(a, b), false, where);
    }
    return null;
  }

  /**
   * The value in seconds of an expression {@link #of} returned, or null when it holds {@code
   * step()} or {@code range()} (known only when a query runs).
   */
  static Double seconds(Expr e) {
    if (e instanceof NumberLiteral n) {
      return n.value();
    }
    if (e instanceof ParenExpr p) {
      return seconds(p.expr());
    }
    if (e instanceof UnaryExpr u) {
      Double v = seconds(u.expr());
      return v == null ? null : u.negative() ? -v : v;
    }
    if (e instanceof BinaryExpr b) {
      Double l = seconds(b.lhs());
      Double r = l == null ? null : seconds(b.rhs());
      if (r == null) {
        return null;
      }
      return switch (b.op()) {
        case ADD -> l + r;
        case SUB -> l - r;
        case MUL -> l * r;
        case DIV -> l / r;
        case MOD -> l % r; // Go's math.Mod: the sign of the dividend, as Java's %
        default -> Math.pow(l, r);
      };
    }
    if (e instanceof Call c && c.args().size() == 2) {
      Double a = seconds(c.args().get(0));
      Double b = a == null ? null : seconds(c.args().get(1));
      return b == null ? null : c.name().equals("min_of") ? Math.min(a, b) : Math.max(a, b);
    }
    return null; // step(), range()
  }

  /**
   * Where an expression divides by a literal 0 ({@code 5m / 0}, {@code 5m % 0}), which Prometheus
   * refuses while parsing; null when it does not.
   */
  static Span zeroDivisor(Expr e) {
    if (e instanceof BinaryExpr b) {
      if ((b.op() == BinaryOp.DIV || b.op() == BinaryOp.MOD)
          && b.rhs() instanceof NumberLiteral n
          && n.value() == 0) {
        return b.span();
      }
      Span l = zeroDivisor(b.lhs());
      return l != null ? l : zeroDivisor(b.rhs());
    }
    if (e instanceof ParenExpr p) {
      return zeroDivisor(p.expr());
    }
    if (e instanceof UnaryExpr u) {
      return zeroDivisor(u.expr());
    }
    if (e instanceof Call c) {
      for (Expr a : c.args()) {
        Span s = zeroDivisor(a);
        if (s != null) {
          return s;
        }
      }
    }
    return null;
  }
}
