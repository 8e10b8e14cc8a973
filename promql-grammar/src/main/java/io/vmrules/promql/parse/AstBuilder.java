package io.vmrules.promql.parse;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Diagnostics;
import io.vmrules.promql.Span;
import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Duration;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Grouping;
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
import io.vmrules.promql.parse.PromQLParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the parse tree into the immutable AST, decoding literals and reporting the forms the
 * chosen dialect does not accept. Structural rules Prometheus enforces while parsing (offsets only
 * on selectors, {@code bool} only on comparisons…) are checked here; value types are the type
 * checker's job.
 */
final class AstBuilder {
  private final Dialect dialect;
  private final Diagnostics diagnostics;
  private final Predicate<String> isAggregation;

  AstBuilder(Dialect dialect, Diagnostics diagnostics, Predicate<String> isAggregation) {
    this.dialect = dialect;
    this.diagnostics = diagnostics;
    this.isAggregation = isAggregation;
  }

  Expr build(QueryContext query) {
    return expr(query.expr());
  }

  private Expr expr(ExprContext ctx) {
    if (ctx instanceof PrimaryExprContext p) {
      return primary(p.primary());
    }
    if (ctx instanceof BinaryExprContext b) {
      return binary(b);
    }
    if (ctx instanceof UnaryExprContext u) {
      return new UnaryExpr(u.sign.getType() == PromQLLexer.SUB, expr(u.expr()), span(u));
    }
    if (ctx instanceof SubscriptExprContext s) {
      return subscript(s);
    }
    if (ctx instanceof OffsetExprContext o) {
      return offset(o);
    }
    if (ctx instanceof AtExprContext a) {
      return at(a);
    }
    throw new IllegalStateException("unhandled " + ctx.getClass().getSimpleName());
  }

  // ---- primaries ----

  private Expr primary(PrimaryContext ctx) {
    if (ctx instanceof NumberLiteralContext n) {
      return number(n.NUMBER().getSymbol(), false);
    }
    if (ctx instanceof DurationLiteralContext d) {
      return durationAsNumber(d.DURATION().getSymbol());
    }
    if (ctx instanceof StringLiteralContext s) {
      return new StringLiteral(string(s.STRING().getSymbol()), span(s));
    }
    if (ctx instanceof ParenExprContext p) {
      return paren(p);
    }
    if (ctx instanceof WithExprContext w) {
      return with(w);
    }
    if (ctx instanceof CallContext c) {
      return call(c);
    }
    if (ctx instanceof SelectorContext s) {
      return selector(s);
    }
    throw new IllegalStateException("unhandled " + ctx.getClass().getSimpleName());
  }

  private NumberLiteral number(Token token, boolean negative) {
    Literals.Number n = Literals.number(token.getText());
    if (n.metricsqlOnly()) {
      metricsqlOnly(span(token), "number suffixes (" + token.getText() + ")");
    }
    checkLeadingZero(token);
    return new NumberLiteral(negative ? -n.value() : n.value(), span(token));
  }

  /** MetricsQL reads a number with a leading zero as an octal integer; "05.5" or "09" fail there. */
  private void checkLeadingZero(Token token) {
    String text = token.getText();
    if (dialect == Dialect.METRICSQL
        && text.length() > 1
        && text.charAt(0) == '0'
        && Character.isDigit(text.charAt(1))
        && !text.matches("0[0-7]+")) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(token),
          "MetricsQL reads a number with a leading 0 as an octal integer, and \"" + text
              + "\" is not one; drop the leading 0");
    }
  }

  private NumberLiteral durationAsNumber(Token token) {
    Literals.DurationValue d = Literals.duration(token.getText());
    if (d.steps() != 0) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(token),
          "unexpected step duration " + token.getText() + "; steps are only allowed in [ ]");
    } else {
      metricsqlOnly(span(token), "durations used as numbers (" + token.getText() + ")");
    }
    return new NumberLiteral(d.millis() / 1000.0, span(token));
  }

  private Expr paren(ParenExprContext p) {
    if (p.expr().size() > 1) {
      return union(p);
    }
    Expr inner = expr(p.expr(0));
    if (p.trailing != null) {
      diagnostics.error(DiagnosticCode.SYNTAX, span(p.RIGHT_PAREN().getSymbol()),
          "unexpected \")\"; expected an expression");
    }
    if (p.KEEP_METRIC_NAMES() == null) {
      return new ParenExpr(inner, span(p));
    }
    metricsqlOnly(span(p.KEEP_METRIC_NAMES().getSymbol()), "keep_metric_names");
    if (inner instanceof BinaryExpr b) {
      return new BinaryExpr(b.op(), b.lhs(), b.rhs(), b.returnBool(), b.matching(), true, span(p));
    }
    diagnostics.error(
        DiagnosticCode.SYNTAX,
        span(p.KEEP_METRIC_NAMES().getSymbol()),
        "keep_metric_names applies to function calls and binary operations");
    return new ParenExpr(inner, span(p));
  }

  /** MetricsQL: (a, b, …) is union(a, b, …). */
  private Expr union(ParenExprContext p) {
    metricsqlOnly(span(p), "(a, b, …) unions");
    if (p.KEEP_METRIC_NAMES() != null) {
      diagnostics.error(DiagnosticCode.SYNTAX, span(p.KEEP_METRIC_NAMES().getSymbol()),
          "keep_metric_names applies to function calls and binary operations");
    }
    return new Call("union", p.expr().stream().map(this::expr).toList(), false, span(p));
  }

  private Expr with(WithExprContext w) {
    metricsqlOnly(span(w.WITH().getSymbol()), "WITH templates");
    List<WithExpr.Definition> defs = new ArrayList<>();
    for (WithDefinitionContext d : w.withDefinition()) {
      List<String> params = d.params.stream().map(this::identifierText).toList();
      defs.add(new WithExpr.Definition(identifierText(d.name), params, expr(d.value), span(d)));
    }
    return new WithExpr(defs, expr(w.expr()), span(w));
  }

  private Expr call(CallContext c) {
    String name = identifierText(c.name);
    List<Expr> args = new ArrayList<>();
    ArgListContext argList = c.argList();
    if (argList != null) {
      List<ExprContext> exprs = argList.expr();
      for (ExprContext a : exprs) {
        args.add(expr(a));
      }
      List<TerminalNode> commas = argList.COMMA();
      if (commas.size() == exprs.size()) {
        metricsqlOnly(span(commas.get(commas.size() - 1).getSymbol()), "a trailing comma in function arguments");
      }
    }
    boolean keep = c.KEEP_METRIC_NAMES() != null;
    if (keep) {
      metricsqlOnly(span(c.KEEP_METRIC_NAMES().getSymbol()), "keep_metric_names");
    }
    GroupingContext g = c.grouping();
    LimitContext limit = c.limit();
    // Aggregation names are keywords, case-insensitive in both languages; function names are
    // case-sensitive in PromQL.
    boolean aggregation = isAggregation.test(name.toLowerCase(Locale.ROOT));
    if (!aggregation) {
      if (g != null) {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            span(g),
            "unexpected " + g.kind.getText() + "; only aggregations such as sum or count take "
                + g.kind.getText() + " (…), and " + name + " is not one");
      }
      if (limit != null) {
        diagnostics.error(
            DiagnosticCode.SYNTAX, span(limit), "limit applies to aggregations only");
      }
      return new Call(name, args, keep, span(c));
    }
    Grouping grouping = null;
    if (g != null) {
      grouping = new Grouping(g.kind.getType() == PromQLLexer.WITHOUT, labelList(g.labelList()));
    }
    long limitValue = 0;
    if (limit != null) {
      metricsqlOnly(span(limit), "limit on aggregations");
      limitValue = (long) Literals.number(limit.NUMBER().getText()).value();
    }
    if (keep && dialect == Dialect.METRICSQL) {
      // Accepted by MetricsQL on aggregations as well; kept only as a flag on calls.
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(c.KEEP_METRIC_NAMES().getSymbol()),
          "keep_metric_names is not allowed on aggregations");
    }
    return new AggregateExpr(name.toLowerCase(Locale.ROOT), args, grouping, limitValue, span(c));
  }

  private Expr selector(SelectorContext s) {
    String name = s.metricName() == null ? null : metricName(s.metricName());
    List<List<LabelMatcher>> groups = new ArrayList<>();
    LabelMatchersContext lm = s.labelMatchers();
    if (lm != null) {
      if (!lm.OR().isEmpty()) {
        metricsqlOnly(span(lm.OR(0).getSymbol()), "'or' filters inside {…}");
      }
      for (MatcherGroupContext group : lm.matcherGroup()) {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (group.COMMA().size() == group.matcher().size() && dialect == Dialect.PROMQL
            && lm.matcherGroup().size() > 1) {
          metricsqlOnly(span(group), "a trailing comma inside an 'or' filter");
        }
        for (MatcherContext m : group.matcher()) {
          if (m instanceof QuotedMetricNameContext q) {
            String quoted = string(q.STRING().getSymbol());
            if (name != null) {
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(q),
                  "metric name given twice: " + name + " and \"" + quoted + "\"");
            }
            name = quoted;
          } else if (m instanceof TemplateReferenceContext t) {
            if (dialect == Dialect.PROMQL) {
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(t),
                  "unexpected identifier \"" + t.getText() + "\" in label matching; expected label"
                      + " matching operator (=, !=, =~ or !~)");
            }
            matchers.add(new LabelMatcher(identifierText(t.identifier()), null, null, span(t)));
          } else {
            LabelMatcherContext l = (LabelMatcherContext) m;
            String labelName = labelName(l.labelName());
            MatchOp op =
                switch (l.op.getType()) {
                  case PromQLLexer.EQ -> MatchOp.EQ;
                  case PromQLLexer.NEQ -> MatchOp.NE;
                  case PromQLLexer.EQ_REGEX -> MatchOp.RE;
                  default -> MatchOp.NRE;
                };
            matchers.add(new LabelMatcher(labelName, op, string(l.value), span(l)));
          }
        }
        groups.add(matchers);
      }
    }
    if (groups.isEmpty()) {
      groups.add(List.of());
    }
    if (name == null && lm == null) {
      throw new IllegalStateException("selector without name or braces");
    }
    return new VectorSelector(name, groups, null, null, span(s));
  }

  // ---- binary operations ----

  private Expr binary(BinaryExprContext b) {
    BinaryOp op = BinaryOp.fromSymbol(b.op.getText());
    Expr lhs = expr(b.lhs);
    Expr rhs = expr(b.rhs);
    if (op.kind() == BinaryOp.Kind.METRICSQL) {
      metricsqlOnly(span(b.op), "the '" + op.symbol() + "' operator");
    }
    MatchingContext m = b.matching();
    boolean returnBool = m.BOOL() != null;
    if (returnBool && !op.isComparison()) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(m.BOOL().getSymbol()),
          "bool modifier can only be used on comparison operators, not on '" + op.symbol() + "'");
    }
    VectorMatching matching = null;
    if (m.matchKind != null) {
      List<String> labels = labelList(m.labelList());
      VectorMatching.Side side = VectorMatching.Side.NONE;
      List<String> include = List.of();
      String prefix = null;
      GroupModifierContext gm = m.groupModifier();
      if (gm != null) {
        side =
            gm.groupKind.getType() == PromQLLexer.GROUP_LEFT
                ? VectorMatching.Side.LEFT
                : VectorMatching.Side.RIGHT;
        if (gm.labelList() != null) {
          include = labelList(gm.labelList());
        }
        if (op.isSetOperator()) {
          diagnostics.error(
              DiagnosticCode.SYNTAX,
              span(gm.groupKind),
              "no grouping allowed for \"" + op.symbol() + "\" operation");
        }
        if (gm.prefix != null) {
          metricsqlOnly(span(gm.PREFIX().getSymbol()), "the prefix modifier of group_left/right");
          prefix = string(gm.prefix);
        }
        boolean on = m.matchKind.getType() == PromQLLexer.ON;
        if (on && dialect == Dialect.PROMQL) {
          for (String l : include) {
            if (labels.contains(l)) {
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(gm.labelList()),
                  "label \"" + l + "\" must not occur in ON and GROUP clause at once");
            }
          }
        }
      }
      matching =
          new VectorMatching(
              m.matchKind.getType() == PromQLLexer.ON, labels, side, include, prefix);
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, matching, false, span(b));
  }

  // ---- postfix forms: ranges, subqueries, offset, @ ----

  private Expr subscript(SubscriptExprContext s) {
    Expr base = expr(s.expr(0));
    Span where = span(s.LEFT_BRACKET().getSymbol()).to(span(s.RIGHT_BRACKET().getSymbol()));
    if (s.range == null) {
      diagnostics.error(DiagnosticCode.SYNTAX, where, "missing range duration inside [ ]");
      return base;
    }
    Duration range = duration(s.range, false);
    boolean colon = s.COLON() != null;
    Duration step = s.step == null ? null : duration(s.step, false);
    if (!colon && base instanceof VectorSelector v) {
      if (v.offset() != null || v.at() != null) {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            where,
            "no offset or @ modifiers allowed before a range; write x[5m] offset 1h");
        return base;
      }
      return new MatrixSelector(v, range, span(s));
    }
    if (!colon) {
      if (dialect == Dialect.PROMQL) {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            where,
            "ranges are only allowed for vector selectors; use a subquery [range:step] or MetricsQL");
      }
    }
    if (base instanceof MatrixSelector || base instanceof SubqueryExpr && colon) {
      if (dialect == Dialect.PROMQL || base instanceof MatrixSelector) {
        diagnostics.error(
            DiagnosticCode.TYPE,
            where,
            "subquery is only allowed on an instant vector, got range vector");
      }
    }
    return new SubqueryExpr(base, range, colon, step, null, null, span(s));
  }

  private Expr offset(OffsetExprContext o) {
    Expr base = expr(o.expr());
    OffsetModifierContext m = o.offsetModifier();
    Duration d = durationValue(m.durationValue(), m.sign != null && m.sign.getType() == PromQLLexer.SUB);
    Span where = span(m);
    if (base instanceof VectorSelector v) {
      if (v.offset() != null) {
        return twice(where, "offset", base);
      }
      return new VectorSelector(v.name(), v.matcherGroups(), d, v.at(), v.span().to(where));
    }
    if (base instanceof MatrixSelector ms) {
      VectorSelector v = ms.selector();
      if (v.offset() != null) {
        return twice(where, "offset", base);
      }
      return new MatrixSelector(v.withModifiers(d, v.at()), ms.range(), ms.span().to(where));
    }
    if (base instanceof SubqueryExpr sq) {
      if (sq.offset() != null) {
        return twice(where, "offset", base);
      }
      return new SubqueryExpr(sq.expr(), sq.range(), sq.colon(), sq.step(), d, sq.at(), sq.span().to(where));
    }
    if (base instanceof OffsetExpr oe) {
      if (oe.offset() != null) {
        return twice(where, "offset", base);
      }
      return new OffsetExpr(oe.expr(), d, oe.at(), oe.span().to(where));
    }
    if (dialect == Dialect.PROMQL) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "offset modifier must be preceded by an instant vector selector, a range vector selector"
              + " or a subquery (MetricsQL allows it anywhere)");
    }
    return new OffsetExpr(base, d, null, span(o));
  }

  private Expr at(AtExprContext a) {
    Expr base = expr(a.expr());
    AtModifierContext m = a.atModifier();
    Expr value = primary(m.primary());
    Span where = span(m);
    if (m.sign != null) {
      if (value instanceof NumberLiteral n) {
        value = new NumberLiteral(m.sign.getType() == PromQLLexer.SUB ? -n.value() : n.value(),
            span(m.sign).to(n.span()));
      } else {
        value = new UnaryExpr(m.sign.getType() == PromQLLexer.SUB, value, span(m.sign).to(value.span()));
      }
    }
    boolean promqlForm =
        value instanceof NumberLiteral
            || value instanceof Call c && c.args().isEmpty()
                && (c.name().equals("start") || c.name().equals("end"));
    if (!promqlForm) {
      metricsqlOnly(value.span(), "@ with an expression other than a number, start() or end()");
    }
    if (value instanceof NumberLiteral n && (Double.isNaN(n.value()) || Double.isInfinite(n.value()))) {
      diagnostics.error(DiagnosticCode.SYNTAX, where, "timestamp out of bounds for @ modifier");
    }
    if (base instanceof VectorSelector v) {
      if (v.at() != null) {
        return twice(where, "@", base);
      }
      return new VectorSelector(v.name(), v.matcherGroups(), v.offset(), value, v.span().to(where));
    }
    if (base instanceof MatrixSelector ms) {
      VectorSelector v = ms.selector();
      if (v.at() != null) {
        return twice(where, "@", base);
      }
      return new MatrixSelector(v.withModifiers(v.offset(), value), ms.range(), ms.span().to(where));
    }
    if (base instanceof SubqueryExpr sq) {
      if (sq.at() != null) {
        return twice(where, "@", base);
      }
      return new SubqueryExpr(sq.expr(), sq.range(), sq.colon(), sq.step(), sq.offset(), value, sq.span().to(where));
    }
    if (base instanceof OffsetExpr oe) {
      if (oe.at() != null) {
        return twice(where, "@", base);
      }
      return new OffsetExpr(oe.expr(), oe.offset(), value, oe.span().to(where));
    }
    if (dialect == Dialect.PROMQL) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "@ modifier must be preceded by an instant vector selector, a range vector selector or a"
              + " subquery");
    }
    return new OffsetExpr(base, null, value, span(a));
  }

  private Expr twice(Span where, String modifier, Expr base) {
    diagnostics.error(DiagnosticCode.SYNTAX, where, modifier + " modifier given twice");
    return base;
  }

  // ---- durations ----

  private Duration durationValue(DurationValueContext d, boolean negative) {
    if (d.DURATION() != null) {
      return literalDuration(d.DURATION().getSymbol(), negative, true);
    }
    if (d.NUMBER() != null) {
      metricsqlOnly(span(d), "durations without a unit");
      Literals.Number n = Literals.number(d.NUMBER().getText());
      return new Duration(Math.round((negative ? -1 : 1) * n.value() * 1000), 0, null, span(d));
    }
    Expr e = d.expr() != null ? expr(d.expr()) : selectorFor(d.IDENTIFIER().getSymbol());
    metricsqlOnly(span(d), "duration expressions");
    if (negative) {
      e = new UnaryExpr(true, e, e.span());
    }
    return new Duration(0, 0, e, span(d));
  }

  private Expr selectorFor(Token identifier) {
    return new VectorSelector(
        Literals.identifier(identifier.getText()), List.of(List.of()), null, null, span(identifier));
  }

  /**
   * A duration inside [ ]: a literal, a number of seconds or a step count (MetricsQL), or the name
   * of a WITH template (MetricsQL). Anything else, a negative window included, is an error.
   */
  private Duration duration(ExprContext ctx, boolean negative) {
    if (ctx instanceof PrimaryExprContext p) {
      if (p.primary() instanceof DurationLiteralContext d) {
        return literalDuration(d.DURATION().getSymbol(), negative, false);
      }
      if (p.primary() instanceof NumberLiteralContext n) {
        metricsqlOnly(span(n), "durations without a unit");
        Literals.Number v = Literals.number(n.NUMBER().getText());
        return new Duration(Math.round(v.value() * 1000), 0, null, span(n));
      }
      if (p.primary() instanceof SelectorContext s && s.labelMatchers() == null && dialect == Dialect.METRICSQL) {
        return new Duration(0, 0, selector(s), span(s));
      }
    }
    diagnostics.error(DiagnosticCode.DURATION, span(ctx),
        "expected a positive duration such as 5m inside [ ], got \"" + abbreviate(ctx.getText()) + "\"");
    return new Duration(60_000, 0, null, span(ctx));
  }

  private static String abbreviate(String s) {
    return s.length() <= 30 ? s : s.substring(0, 27) + "...";
  }

  private Duration literalDuration(Token token, boolean negative, boolean inOffset) {
    String text = token.getText();
    Literals.DurationValue v = Literals.duration(text);
    if (text.startsWith(".")) {
      diagnostics.error(DiagnosticCode.DURATION, span(token),
          "a duration must start with a digit: write 0" + text + " instead of " + text);
    }
    if (v.promqlProblem() != null) {
      metricsqlOnly(span(token), v.promqlProblem());
    }
    if (v.steps() != 0) {
      return new Duration(negative ? -v.millis() : v.millis(), negative ? -v.steps() : v.steps(), null, span(token));
    }
    if (v.millis() == 0 && !inOffset && dialect == Dialect.PROMQL) {
      diagnostics.error(DiagnosticCode.DURATION, span(token), "duration must be greater than 0");
    }
    return new Duration(negative ? -v.millis() : v.millis(), 0, null, span(token));
  }

  // ---- names, labels, strings ----

  private List<String> labelList(LabelListContext l) {
    List<String> out = new ArrayList<>();
    for (LabelNameContext n : l.labelName()) {
      out.add(labelName(n));
    }
    return out;
  }

  private String labelName(LabelNameContext n) {
    Token t = n.getStart();
    if (t.getType() == PromQLLexer.STRING) {
      return string(t);
    }
    String text = Literals.identifier(t.getText());
    if (t.getType() == PromQLLexer.NUMBER) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (!lower.equals("inf") && !lower.equals("nan")) {
        diagnostics.error(
            DiagnosticCode.SYNTAX, span(t), "unexpected number " + text + "; expected label name");
      }
      return text;
    }
    if (dialect == Dialect.PROMQL && !isPromqlLabelName(text)) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(t),
          "invalid label name \"" + text + "\"; expected [a-zA-Z_][a-zA-Z0-9_]* or a quoted name");
    }
    return text;
  }

  private String metricName(MetricNameContext m) {
    String text = m.start.getText(); // one token
    if (dialect == Dialect.PROMQL && (text.indexOf('.') >= 0 || text.indexOf('\\') >= 0)) {
      metricsqlOnly(span(m), "dots or escapes in unquoted metric names");
    }
    return Literals.identifier(text);
  }

  private String identifierText(IdentifierContext id) {
    return Literals.identifier(id.start.getText()); // one token
  }

  static boolean isPromqlLabelName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private String string(Token token) {
    String[] error = new String[1];
    String value = Literals.string(token.getText(), error);
    if (value == null) {
      diagnostics.error(DiagnosticCode.SYNTAX, span(token), error[0] + " in string " + token.getText());
      return "";
    }
    return value;
  }

  private void metricsqlOnly(Span span, String what) {
    if (dialect == Dialect.PROMQL) {
      diagnostics.error(
          DiagnosticCode.METRICSQL_ONLY, span, what + " is MetricsQL syntax, not PromQL");
    }
  }

  private static Span span(ParserRuleContext ctx) {
    int start = ctx.getStart().getStartIndex();
    Token stop = ctx.getStop();
    int end = stop == null || stop.getStopIndex() < start ? start : stop.getStopIndex() + 1;
    return new Span(Math.max(0, start), Math.max(Math.max(0, start), end));
  }

  private static Span span(Token t) {
    int start = Math.max(0, t.getStartIndex());
    return new Span(start, Math.max(start, t.getStopIndex() + 1));
  }

  @SuppressWarnings("unused")
  private static Span span(TerminalNode n) {
    return span(n.getSymbol());
  }
}
