package io.vmrules.promql.print;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.GoStrings;
import io.vmrules.promql.Names;
import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Duration;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Grouping;
import io.vmrules.promql.ast.LabelMatcher;
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
import java.math.BigDecimal;
import java.util.List;

/**
 * Prints expressions: {@link #canonical} on one line in Prometheus' style, {@link #pretty} indented
 * where a line would grow past {@link #WIDTH}. Never uses the parser; parsing the output gives back
 * an equal tree.
 */
public final class Printer {
  /** Line width the pretty form aims for. */
  public static final int WIDTH = 80;

  private static final String INDENT = "  ";

  private final Dialect dialect;

  private Printer(Dialect dialect) {
    this.dialect = dialect;
  }

  /** One line, names in Prometheus 3's syntax (quoted where they are not plain). */
  public static String canonical(Expr expr) {
    return canonical(expr, Dialect.PROMQL);
  }

  /**
   * One line that {@code dialect}'s engine reads back: under MetricsQL, names VictoriaMetrics reads
   * unquoted (dots, keywords) print bare, since VictoriaMetrics before v1.112 refuses quoted names.
   */
  public static String canonical(Expr expr, Dialect dialect) {
    StringBuilder out = new StringBuilder();
    new Printer(dialect).print(expr, out);
    return out.toString();
  }

  public static String pretty(Expr expr) {
    return pretty(expr, Dialect.PROMQL);
  }

  public static String pretty(Expr expr, Dialect dialect) {
    StringBuilder out = new StringBuilder();
    new Printer(dialect).pretty(expr, 0, out);
    return out.toString();
  }

  // ---- canonical ----

  private void print(Expr expr, StringBuilder out) {
    if (expr instanceof NumberLiteral n) {
      out.append(number(n.value()));
    } else if (expr instanceof StringLiteral s) {
      out.append(quote(s.value()));
    } else if (expr instanceof VectorSelector v) {
      selector(v, out);
      rangeModifier(v, out);
      modifiers(v.offset(), v.at(), out);
    } else if (expr instanceof MatrixSelector m) {
      selector(m.selector(), out);
      out.append('[').append(duration(m.range())).append(']');
      rangeModifier(m.selector(), out);
      modifiers(m.selector().offset(), m.selector().at(), out);
    } else if (expr instanceof SubqueryExpr s) {
      operand(s.expr(), out);
      out.append('[').append(s.range() == null ? "" : duration(s.range()));
      if (s.colon()) {
        out.append(':');
        if (s.step() != null) {
          out.append(duration(s.step()));
        }
      }
      out.append(']');
      modifiers(s.offset(), s.at(), out);
    } else if (expr instanceof OffsetExpr o) {
      operand(o.expr(), out);
      modifiers(o.offset(), o.at(), out);
    } else if (expr instanceof Call c) {
      out.append(identifier(c.name())).append('(');
      args(c.args(), out);
      out.append(')');
      if (c.keepMetricNames()) {
        out.append(" keep_metric_names");
      }
    } else if (expr instanceof AggregateExpr a) {
      aggregateHead(a, out);
      out.append('(');
      args(a.args(), out);
      out.append(')');
      if (a.limit() != 0) {
        out.append(" limit ").append(a.limit());
      }
    } else if (expr instanceof BinaryExpr b) {
      if (b.keepMetricNames()) {
        out.append('(');
      }
      side(b, b.lhs(), false, out);
      out.append(' ').append(operator(b)).append(' ');
      side(b, b.rhs(), true, out);
      if (b.keepMetricNames()) {
        out.append(") keep_metric_names");
      }
    } else if (expr instanceof UnaryExpr u) {
      out.append(u.negative() ? '-' : '+');
      boolean wrap =
          u.expr() instanceof BinaryExpr b && b.op() != BinaryOp.POW && !b.keepMetricNames();
      wrap |= u.expr() instanceof NumberLiteral n && n.value() < 0;
      if (u.expr() instanceof UnaryExpr) {
        out.append(' '); // "- -x": two unary minus signs, never mistaken for one token
      }
      parenthesised(u.expr(), wrap, out);
    } else if (expr instanceof ParenExpr p) {
      out.append('(');
      print(p.expr(), out);
      out.append(')');
    } else if (expr instanceof WithExpr w) {
      out.append("WITH (");
      for (int i = 0; i < w.definitions().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        definition(w.definitions().get(i), out);
      }
      out.append(") ");
      print(w.body(), out);
    } else {
      throw new IllegalStateException("unhandled " + expr);
    }
  }

  private void definition(WithExpr.Definition d, StringBuilder out) {
    out.append(identifier(d.name()));
    if (!d.params().isEmpty()) {
      out.append('(');
      for (int i = 0; i < d.params().size(); i++) {
        out.append(i > 0 ? ", " : "").append(identifier(d.params().get(i)));
      }
      out.append(')');
    }
    out.append(" = ");
    print(d.value(), out);
  }

  private void aggregateHead(AggregateExpr a, StringBuilder out) {
    out.append(a.op());
    Grouping g = a.grouping();
    if (g != null) {
      out.append(g.without() ? " without " : " by ");
      labels(g.labels(), out);
      out.append(' ');
    }
  }

  private void args(List<Expr> args, StringBuilder out) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      print(args.get(i), out);
    }
  }

  /** Operands of postfix forms are wrapped when they are not primary expressions. */
  private void operand(Expr e, StringBuilder out) {
    boolean wrap =
        (e instanceof BinaryExpr b && !b.keepMetricNames())
            || e instanceof UnaryExpr
            || e instanceof WithExpr
            || (e instanceof NumberLiteral n && n.value() < 0);
    parenthesised(e, wrap, out);
  }

  /** Adds parentheses only where the tree's shape would otherwise be lost. */
  private void side(BinaryExpr parent, Expr child, boolean right, StringBuilder out) {
    boolean wrap = false;
    if (child instanceof BinaryExpr c && !c.keepMetricNames()) {
      int pp = parent.op().precedence();
      int cp = c.op().precedence();
      wrap = cp < pp || (cp == pp && (right != parent.op().isRightAssociative()));
    } else if (child instanceof UnaryExpr && parent.op() == BinaryOp.POW && !right) {
      wrap = true;
    } else if (child instanceof WithExpr && !right) {
      wrap = true;
    } else if (child instanceof NumberLiteral n
        && n.value() < 0
        && (!right || parent.op() == BinaryOp.POW)) {
      wrap = true;
    }
    parenthesised(child, wrap, out);
  }

  private void parenthesised(Expr e, boolean wrap, StringBuilder out) {
    if (wrap) {
      out.append('(');
    }
    print(e, out);
    if (wrap) {
      out.append(')');
    }
  }

  /** Whether the right operand, as printed, begins with "(": printed only when asked. */
  private boolean rhsOpensParen(BinaryExpr b) {
    StringBuilder rhs = new StringBuilder();
    side(b, b.rhs(), true, rhs);
    return rhs.charAt(0) == '(';
  }

  /**
   * The operator with its modifiers. A group_left without labels or prefix writes its empty list
   * before a right operand that opens with "(", since "group_left (x)" reads (x) as the list in
   * both engines.
   */
  private String operator(BinaryExpr b) {
    StringBuilder s = new StringBuilder(b.op().symbol());
    if (b.returnBool()) {
      s.append(" bool");
    }
    VectorMatching m = b.matching();
    if (m != null) {
      s.append(m.on() ? " on " : " ignoring ");
      labels(m.labels(), s);
      if (m.group() != VectorMatching.Side.NONE) {
        s.append(m.group() == VectorMatching.Side.LEFT ? " group_left" : " group_right");
        if (!m.include().isEmpty()) {
          s.append(' ');
          labels(m.include(), s);
        } else if (m.prefix() == null && rhsOpensParen(b)) {
          s.append("()");
        }
        if (m.prefix() != null) {
          s.append(" prefix ").append(quote(m.prefix()));
        }
      }
    }
    BinaryExpr.Fill fill = b.fill();
    if (fill != null) {
      if (fill.left() != null && fill.left().equals(fill.right())) {
        s.append(" fill(").append(number(fill.left())).append(')');
      } else {
        if (fill.left() != null) {
          s.append(" fill_left(").append(number(fill.left())).append(')');
        }
        if (fill.right() != null) {
          s.append(" fill_right(").append(number(fill.right())).append(')');
        }
      }
    }
    return s.toString();
  }

  /** Prometheus' anchored/smoothed, before offset and @ (it reads them in any order). */
  private static void rangeModifier(VectorSelector v, StringBuilder out) {
    if (v.rangeModifier() != io.vmrules.promql.ast.RangeModifier.NONE) {
      out.append(' ').append(v.rangeModifier().keyword());
    }
  }

  private void selector(VectorSelector v, StringBuilder out) {
    boolean plainName = v.name() != null && isMetricName(v.name());
    if (plainName) {
      out.append(v.name());
    }
    boolean empty = v.matcherGroups().size() == 1 && v.matcherGroups().get(0).isEmpty();
    if (plainName && empty) {
      return;
    }
    List<String> groups = new java.util.ArrayList<>();
    for (List<LabelMatcher> group : v.matcherGroups()) {
      List<String> items = new java.util.ArrayList<>();
      if (groups.isEmpty() && v.name() != null && !plainName) {
        items.add(quote(v.name()));
      }
      for (LabelMatcher m : group) {
        items.add(
            m.isTemplateReference()
                ? m.name()
                : labelName(m.name())
                    + m.op().symbol()
                    + (m.expression() ? m.value() : quote(m.value())));
      }
      groups.add(String.join(", ", items));
    }
    out.append('{').append(String.join(" or ", groups)).append('}');
  }

  private void modifiers(Duration offset, Expr at, StringBuilder out) {
    if (at != null) {
      out.append(" @ ");
      boolean simple = at instanceof NumberLiteral || at instanceof Call || at instanceof ParenExpr;
      parenthesised(at, !simple, out);
    }
    if (offset != null) {
      out.append(" offset ").append(duration(offset));
    }
  }

  private void labels(List<String> labels, StringBuilder out) {
    out.append('(');
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(labelName(labels.get(i)));
    }
    out.append(')');
  }

  // ---- pretty ----

  private void pretty(Expr expr, int depth, StringBuilder out) {
    String flat = canonical(expr);
    if (flat.length() + depth * INDENT.length() <= WIDTH) {
      out.append(flat);
      return;
    }
    if (expr instanceof BinaryExpr b && !b.keepMetricNames()) {
      prettySide(b, b.lhs(), false, depth, out);
      newline(depth, out).append(operator(b));
      newline(depth, out);
      prettySide(b, b.rhs(), true, depth, out);
    } else if (expr instanceof ParenExpr p) {
      out.append('(');
      newline(depth + 1, out);
      pretty(p.expr(), depth + 1, out);
      newline(depth, out).append(')');
    } else if (expr instanceof Call c && !c.args().isEmpty()) {
      out.append(c.name()).append('(');
      prettyArgs(c.args(), depth, out);
      out.append(')');
      if (c.keepMetricNames()) {
        out.append(" keep_metric_names");
      }
    } else if (expr instanceof AggregateExpr a && !a.args().isEmpty()) {
      aggregateHead(a, out);
      out.append('(');
      prettyArgs(a.args(), depth, out);
      out.append(')');
      if (a.limit() != 0) {
        out.append(" limit ").append(a.limit());
      }
    } else {
      out.append(flat);
    }
  }

  private void prettySide(
      BinaryExpr parent, Expr child, boolean right, int depth, StringBuilder out) {
    StringBuilder probe = new StringBuilder();
    side(parent, child, right, probe);
    if (probe.length() > 0 && probe.charAt(0) == '(' && !(child instanceof ParenExpr)) {
      out.append(probe); // parentheses the printer adds stay on one line
    } else {
      pretty(child, depth, out);
    }
  }

  private void prettyArgs(List<Expr> args, int depth, StringBuilder out) {
    for (int i = 0; i < args.size(); i++) {
      newline(depth + 1, out);
      pretty(args.get(i), depth + 1, out);
      if (i < args.size() - 1) {
        out.append(',');
      }
    }
    newline(depth, out);
  }

  private StringBuilder newline(int depth, StringBuilder out) {
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append(INDENT);
    }
    return out;
  }

  // ---- literals ----

  /** Formats like Go's {@code strconv.FormatFloat(v, 'f', -1, 64)} for moderate magnitudes. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double abs = Math.abs(v);
    if (abs >= 1e21 || abs < 1e-6) {
      return Double.toString(v).replace("E", "e");
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Formats a duration as Prometheus does: {@code 1h30m}, {@code 1d}, {@code 500ms}. */
  public static String duration(Duration d) {
    if (d.isExpr()) {
      Expr e = d.expr();
      // a negative offset reads back as a sign before the expression: offset -(1h / 2)
      boolean negative = e instanceof UnaryExpr u && u.negative();
      if (negative) {
        e = ((UnaryExpr) e).expr();
      }
      boolean simple =
          e instanceof VectorSelector || e instanceof NumberLiteral || e instanceof ParenExpr;
      return (negative ? "-" : "") + (simple ? canonical(e) : "(" + canonical(e) + ")");
    }
    if (d.isSteps()) {
      // Parts after a '-' count negatively: positive parts first, then '-' and the negative ones.
      String positive =
          (d.millis() > 0 ? millis(d.millis()) : "")
              + (d.steps() > 0 ? number(d.steps()) + "i" : "");
      String negative =
          (d.millis() < 0 ? millis(-d.millis()) : "")
              + (d.steps() < 0 ? number(-d.steps()) + "i" : "");
      return negative.isEmpty()
          ? positive
          : (positive.isEmpty() ? "0s" : positive) + "-" + negative;
    }
    return millis(d.millis());
  }

  public static String millis(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    if (ms < 0) {
      out.append('-');
      ms = -ms;
    }
    long[] sizes = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      long n = ms / sizes[i];
      if (n > 0) {
        out.append(n).append(units[i]);
        ms -= n * sizes[i];
      }
    }
    return out.toString();
  }

  /** Double-quotes with Go-style escapes. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else if (GoStrings.isEscapedByteAt(s, i)) {
            out.append(String.format("\\x%02x", c & 0xFF)); // a byte of invalid UTF-8
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Keywords Prometheus does not read as a metric name where an operand begins. */
  private static final java.util.Set<String> PROMQL_RESERVED =
      java.util.Set.of(
          "atan2", "on", "ignoring", "group_left", "group_right", "bool", "inf", "nan");

  /** Words that never read back as a name: numbers. */
  private static final java.util.Set<String> NUMBER_WORDS = java.util.Set.of("inf", "nan");

  /** Whether a metric name prints bare: the lexer reads it back as one name in this dialect. */
  boolean isMetricName(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (dialect == Dialect.METRICSQL) {
      return isMetricsqlIdentifier(s) && !NUMBER_WORDS.contains(lower);
    }
    return Names.isMetricName(s) && !PROMQL_RESERVED.contains(lower);
  }

  private String labelName(String s) {
    if (dialect == Dialect.METRICSQL) {
      return isMetricsqlIdentifier(s) && s.charAt(0) != ':' ? s : quote(s);
    }
    return Names.isLabelName(s) ? s : quote(s);
  }

  /**
   * A name that is no plain identifier (a WITH template {@code foo\-bar}: only MetricsQL has them)
   * with its other characters escaped, as VictoriaMetrics reads them back.
   */
  private String identifier(String s) {
    if (isMetricsqlIdentifier(s)) {
      return s; // every PromQL function name: only WITH templates have other names
    }
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isMetricsqlIdentifier(i == 0 ? String.valueOf(c) : "a" + c)) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * MetricsQL's unquoted names: Prometheus' characters plus dots (as VictoriaMetrics reads them).
   */
  private static boolean isMetricsqlIdentifier(String s) {
    // Names stand outside brackets, where any ':' starts one (':', ':6P').
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == ':'
              || (i > 0 && (c == '.' || (c >= '0' && c <= '9')));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
