package io.vmrules.promql.types;

import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.MatchOp;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.OffsetExpr;
import io.vmrules.promql.ast.ParenExpr;
import io.vmrules.promql.ast.SubqueryExpr;
import io.vmrules.promql.ast.UnaryExpr;
import io.vmrules.promql.ast.VectorSelector;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Selectors VictoriaMetrics (1.79) crashes on. Its parser writes a selector whose first filter is
 * {@code __name__="x"} back as the bare name {@code x} and parses that text again; where the bare
 * name reads as something else, the second parse fails and vmselect panics (the process exits).
 * Asking the packaged binary found two such places: an aggregation's name as the left operand of a
 * word operator ({@code {__name__="sum"} or x} reads as the aggregation {@code sum} wanting by or
 * "("), and on, ignoring or bool leading an operand after an operator or a sign ({@code x +
 * {__name__="on"}} reads as a modifier). A regex filter ({@code __name__=~"sum"}) is not written
 * back as a name.
 */
final class NameReprint {
  private static final Set<String> MODIFIERS = Set.of("on", "ignoring", "bool");

  private final Predicate<String> isAggregation;
  private final UnaryOperator<Expr> expand;

  /**
   * {@code expand} gives what a WITH template without parameters stands for (the expression itself
   * otherwise): VictoriaMetrics expands templates before it writes the query back.
   */
  NameReprint(Predicate<String> isAggregation, UnaryOperator<Expr> expand) {
    this.isAggregation = isAggregation;
    this.expand = expand;
  }

  /** The {@code __name__} filter of an aggregation's name left of a word operator, or null. */
  LabelMatcher aggregationBeforeWord(BinaryExpr b) {
    if (!Character.isLetter(b.op().symbol().charAt(0))) {
      return null; // "sum + x" reads back as a metric
    }
    Expr lhs = unwrapParens(b.lhs());
    if (!(lhs instanceof VectorSelector v) || v.offset() != null || v.at() != null) {
      return null; // "sum offset 5m or x" reads back
    }
    LabelMatcher name = writtenBackName(v);
    boolean alone = name != null && v.matcherGroups().get(0).size() == 1; // sum{a="b"} reads back
    return alone && isAggregation.test(name.value().toLowerCase(Locale.ROOT)) ? name : null;
  }

  /** The {@code __name__} filter of on, ignoring or bool leading the right operand, or null. */
  LabelMatcher modifierAfterOperator(BinaryExpr b) {
    if (b.matching() != null) {
      return null; // after on(...) or ignoring(...) a name reads back as a name
    }
    if (b.rhs() instanceof UnaryExpr) {
      return null; // modifierAfterSign finds it
    }
    LabelMatcher name = leadingName(b.rhs());
    if (name == null || (b.returnBool() && name.value().equalsIgnoreCase("bool"))) {
      return null; // "x > bool bool" reads back
    }
    return name;
  }

  /** The {@code __name__} filter of on, ignoring or bool after a sign, or null. */
  LabelMatcher modifierAfterSign(UnaryExpr u) {
    return leadingName(u.expr());
  }

  private LabelMatcher leadingName(Expr operand) {
    Expr e = operand;
    while (true) {
      e = expand.apply(e);
      if (e instanceof UnaryExpr u) {
        e = u.expr();
      } else if (e instanceof ParenExpr p
          && !(p.expr() instanceof BinaryExpr)
          && !(p.expr() instanceof UnaryExpr)) {
        e = p.expr(); // written back without the parentheses; "(on * y)" keeps them
      } else if (e instanceof OffsetExpr o) {
        e = o.expr();
      } else if (e instanceof MatrixSelector m) {
        e = m.selector();
      } else if (e instanceof SubqueryExpr s) {
        e = s.expr();
      } else {
        break;
      }
    }
    LabelMatcher name = e instanceof VectorSelector v ? writtenBackName(v) : null;
    return name != null && MODIFIERS.contains(name.value().toLowerCase(Locale.ROOT)) ? name : null;
  }

  private Expr unwrapParens(Expr e) {
    Expr x = expand.apply(e);
    while (x instanceof ParenExpr p) {
      x = expand.apply(p.expr());
    }
    return x;
  }

  /** The first filter when VictoriaMetrics writes it back as the selector's bare name. */
  private static LabelMatcher writtenBackName(VectorSelector v) {
    if (v.name() != null || v.matcherGroups().size() != 1) {
      return null;
    }
    List<LabelMatcher> filters = v.matcherGroups().get(0);
    if (filters.isEmpty()) {
      return null;
    }
    LabelMatcher first = filters.get(0);
    boolean name =
        first.name().equals("__name__")
            && first.op() == MatchOp.EQ
            && !first.expression()
            && !first.isTemplateReference()
            && !first.value().isEmpty();
    return name ? first : null;
  }
}
