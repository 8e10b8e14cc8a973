package io.vmrules.promql.types;

import io.vmrules.promql.Span;
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
 * "("), on, ignoring or bool leading an operand after an operator or a sign ({@code x +
 * {__name__="on"}} reads as a modifier), a name after a string's '+' (read as a string to join),
 * and an empty name, written back as nothing, in those places. A regex filter ({@code
 * __name__=~"sum"}) is not written back as a name.
 */
final class NameReprint {
  private static final Set<String> MODIFIERS = Set.of("on", "ignoring", "bool");

  /**
   * A name VictoriaMetrics misreads, where it stands: a {@code __name__} filter written back bare
   * ({@code filter}), or a bare name as written.
   */
  record Culprit(String name, Span span, boolean filter) {
    static Culprit of(LabelMatcher m) {
      return m == null ? null : new Culprit(m.value(), m.span(), true);
    }
  }

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

  /**
   * The {@code __name__} filter of an aggregation's name (or of an empty name) left of a word
   * operator, or null.
   */
  Culprit aggregationBeforeWord(BinaryExpr b) {
    if (!Character.isLetter(b.op().symbol().charAt(0))) {
      return null; // "sum + x" reads back as a metric
    }
    Expr lhs = unwrapParens(b.lhs());
    if (!(lhs instanceof VectorSelector v) || v.offset() != null || v.at() != null) {
      return null; // "sum offset 5m or x" reads back
    }
    LabelMatcher name = soleName(v); // sum{a="b"} reads back
    if (name == null) {
      return null;
    }
    String lower = name.value().toLowerCase(Locale.ROOT);
    return lower.isEmpty() || isAggregation.test(lower) ? Culprit.of(name) : null;
  }

  /**
   * The {@code __name__} filter of on, ignoring or bool (or of an empty name) leading the right
   * operand, or null.
   */
  Culprit modifierAfterOperator(BinaryExpr b) {
    Expr rhs = b.rhs();
    while (rhs instanceof UnaryExpr u && !u.negative()) {
      rhs = u.expr(); // VictoriaMetrics drops a '+' sign: "x + +on" is written back "x + on"
    }
    if (rhs instanceof UnaryExpr) {
      return null; // modifierAfterSign finds it
    }
    boolean[] parens = new boolean[1];
    VectorSelector v = leadingSelector(rhs, parens);
    if (v == null) {
      return null;
    }
    if (isEmptyName(v)) {
      return Culprit.of(soleName(v)); // "x + " whatever the modifiers
    }
    if (v.name() != null) {
      // "x + (on)" is written back "x + on"; a bare "x + on" the parser reports
      boolean modifier =
          parens[0]
              && b.matching() == null
              && MODIFIERS.contains(v.name().toLowerCase(Locale.ROOT));
      return modifier ? new Culprit(v.name(), v.span(), false) : null;
    }
    LabelMatcher name = writtenBackName(v);
    if (name == null
        || b.matching() != null // after on(...) or ignoring(...) a name reads back as a name
        || !MODIFIERS.contains(name.value().toLowerCase(Locale.ROOT))
        || (b.returnBool() && name.value().equalsIgnoreCase("bool"))) { // "x > bool bool" reads
      return null;
    }
    return Culprit.of(name);
  }

  /**
   * On, ignoring or bool after a '-' sign, as a name ({@code -on}, {@code -bool{a="b"}}) or a
   * {@code __name__} filter; or an empty name there. Null when there is none.
   */
  Culprit modifierAfterSign(UnaryExpr u) {
    if (!u.negative()) {
      return null; // a '+' sign is dropped
    }
    VectorSelector v = leadingSelector(u.expr(), new boolean[1]);
    if (v == null) {
      return null;
    }
    if (v.name() != null) {
      boolean modifier = MODIFIERS.contains(v.name().toLowerCase(Locale.ROOT));
      return modifier ? new Culprit(v.name(), v.span(), false) : null;
    }
    if (isEmptyName(v)) {
      return Culprit.of(soleName(v));
    }
    LabelMatcher name = writtenBackName(v);
    boolean modifier = name != null && MODIFIERS.contains(name.value().toLowerCase(Locale.ROOT));
    return modifier ? Culprit.of(name) : null;
  }

  /**
   * The selector whose text begins the right operand of a string's '+' as VictoriaMetrics writes it
   * back (it reads a name there as part of a string concatenation, whatever follows it: {@code "a"
   * + b[5m:1m]}, {@code "a" + (b)}, {@code "a" + +b}), or null.
   */
  VectorSelector joinedSelector(Expr rhs) {
    Expr e = rhs;
    boolean parsed = true; // no sign or parentheses yet: joined while parsing ("a" + b * 2)
    boolean inBinary = false;
    while (true) {
      e = expand.apply(e);
      boolean wrapper =
          (e instanceof UnaryExpr u && !u.negative())
              || (e instanceof ParenExpr p && !(p.expr() instanceof BinaryExpr));
      if (wrapper && inBinary) {
        return null; // "a" + +b * 2: the '+' is dropped and "(b * 2)" written back whole
      }
      if (e instanceof BinaryExpr b && parsed) {
        e = b.lhs();
        inBinary = true;
      } else if (e instanceof UnaryExpr u && wrapper) {
        e = u.expr(); // "a" + +b is written back "a" + b
        parsed = false;
      } else if (e instanceof ParenExpr p && wrapper) {
        e = p.expr(); // "a" + (b) is written back "a" + b
        parsed = false;
      } else if (postfixBase(e) != null) {
        e = postfixBase(e);
      } else {
        return e instanceof VectorSelector v ? v : null;
      }
    }
  }

  /** The selector's {@code __name__} filter when it is its only one, written back bare; or null. */
  static LabelMatcher soleName(VectorSelector v) {
    LabelMatcher name = writtenBackName(v);
    return name != null && v.matcherGroups().get(0).size() == 1 ? name : null;
  }

  private static boolean isEmptyName(VectorSelector v) {
    LabelMatcher name = soleName(v);
    return name != null && name.value().isEmpty();
  }

  /**
   * The selector that begins an operand's text as VictoriaMetrics writes it back, or null; {@code
   * parens[0]} tells whether parentheses it drops stood in the way.
   */
  private VectorSelector leadingSelector(Expr operand, boolean[] parens) {
    Expr e = operand;
    while (true) {
      e = expand.apply(e);
      if (e instanceof UnaryExpr u && !u.negative()) {
        e = u.expr(); // after a '-' sign, modifierAfterSign looks
      } else if (e instanceof ParenExpr p
          && !(p.expr() instanceof BinaryExpr)
          && !(p.expr() instanceof UnaryExpr u && u.negative())) {
        e = p.expr(); // written back without the parentheses; "(on * y)" keeps them
        parens[0] = true;
      } else if (postfixBase(e) != null) {
        e = postfixBase(e);
      } else {
        return e instanceof VectorSelector v ? v : null;
      }
    }
  }

  /** What an offset, @, range or subquery applies to (its text comes first), or null. */
  private static Expr postfixBase(Expr e) {
    if (e instanceof OffsetExpr o) {
      return o.expr();
    }
    if (e instanceof MatrixSelector m) {
      return m.selector();
    }
    return e instanceof SubqueryExpr s ? s.expr() : null;
  }

  /** Without the parentheses and '+' signs VictoriaMetrics drops when it writes {@code e} back. */
  private Expr unwrapParens(Expr e) {
    Expr x = expand.apply(e);
    while (x instanceof ParenExpr || (x instanceof UnaryExpr u && !u.negative())) {
      x = expand.apply(x instanceof ParenExpr p ? p.expr() : ((UnaryExpr) x).expr());
    }
    return x;
  }

  /**
   * The first filter when VictoriaMetrics writes it back as the selector's bare name (nothing at
   * all for an empty one).
   */
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
            && !first.isTemplateReference();
    return name ? first : null;
  }
}
