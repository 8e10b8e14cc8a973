package io.vmrules.rules.online;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.Span;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.NumberLiteral;
import io.vmrules.promql.ast.ParenExpr;
import io.vmrules.promql.ast.StringLiteral;
import io.vmrules.promql.ast.UnaryExpr;
import io.vmrules.promql.ast.VectorMatching;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.promql.print.Printer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the online checks take from an expression's tree: selectors as text, operand shapes. */
final class ExprParts {
  private static final Set<String> SCALAR_FUNCTIONS = Set.of("scalar", "time", "pi");

  private ExprParts() {}

  /** The selector without offset and {@code @}: the series it reads, as a {@code match[]}. */
  static String selector(VectorSelector v, Dialect dialect) {
    return Printer.canonical(
        new VectorSelector(v.name(), v.matcherGroups(), null, null, Span.NONE), dialect);
  }

  /** {@code name{matchers}} (or {@code {matchers}} without a name), as a {@code match[]}. */
  static String selector(String name, List<LabelMatcher> matchers, Dialect dialect) {
    if (name == null && matchers.isEmpty()) {
      throw new IllegalArgumentException("an empty selector");
    }
    return Printer.canonical(
        new VectorSelector(name, List.of(matchers), null, null, Span.NONE), dialect);
  }

  /** Whether the matchers can be sent on their own: none is a WITH template or expression. */
  static boolean plain(VectorSelector v) {
    for (List<LabelMatcher> group : v.matcherGroups()) {
      for (LabelMatcher m : group) {
        if (m.isTemplateReference() || m.expression()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether {@code e} is a scalar for vector matching: numbers, {@code scalar()}, {@code time()},
   * and operations between them.
   */
  static boolean isScalar(Expr e) {
    if (e instanceof NumberLiteral || e instanceof StringLiteral) {
      return true;
    }
    if (e instanceof ParenExpr p) {
      return isScalar(p.expr());
    }
    if (e instanceof UnaryExpr u) {
      return isScalar(u.expr());
    }
    if (e instanceof BinaryExpr b) {
      return isScalar(b.lhs()) && isScalar(b.rhs());
    }
    return e instanceof Call c && SCALAR_FUNCTIONS.contains(c.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The series {@code e} can produce, whatever their values: a comparison with a scalar (without
   * {@code bool}) only filters, so the shape of {@code rate(x[5m]) > 5} is {@code rate(x[5m])}.
   */
  static Expr shape(Expr e) {
    if (e instanceof ParenExpr p) {
      return shape(p.expr());
    }
    if (e instanceof BinaryExpr b && b.op().isComparison() && !b.returnBool()) {
      if (isScalar(b.rhs()) && !isScalar(b.lhs())) {
        return shape(b.lhs());
      }
      if (isScalar(b.lhs()) && !isScalar(b.rhs())) {
        return shape(b.rhs());
      }
    }
    return e;
  }

  /** {@code on(a, b)}, {@code ignoring(a)} or nothing: how the operation matches series. */
  static String matching(VectorMatching m) {
    if (m == null || !m.hasLabels()) {
      return "";
    }
    return (m.on() ? "on" : "ignoring") + "(" + String.join(", ", m.labels()) + ")";
  }

  /** {@code by (a, b)} for {@code on}, else {@code without (…)}: the matching signature. */
  static String signature(VectorMatching m) {
    if (m != null && m.hasLabels() && m.on()) {
      return "by (" + String.join(", ", m.labels()) + ")";
    }
    return "without (" + (m != null && m.hasLabels() ? String.join(", ", m.labels()) : "") + ")";
  }

  /**
   * The offset of {@code b}'s operator in {@code text}: the first occurrence of its symbol between
   * the end of the left operand and the start of the right one (outside comments); the operation's
   * start when not found.
   */
  static int operatorOffset(String text, BinaryExpr b) {
    String symbol = b.op().symbol();
    int from = b.lhs().span().end();
    int to = Math.min(text.length(), b.rhs().span().start());
    boolean comment = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (comment) {
        comment = c != '\n';
        continue;
      }
      if (c == '#') {
        comment = true;
        continue;
      }
      if (text.regionMatches(true, i, symbol, 0, symbol.length())) {
        return i;
      }
    }
    return b.span().start();
  }
}
