package io.vmrules.promql.parse;

import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Diagnostics;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.Excerpt;
import io.vmrules.promql.Names;
import io.vmrules.promql.Span;
import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Duration;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.Grouping;
import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.MatchOp;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.NumberLiteral;
import io.vmrules.promql.ast.OffsetExpr;
import io.vmrules.promql.ast.ParenExpr;
import io.vmrules.promql.ast.RangeModifier;
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
import org.antlr.v4.runtime.misc.Interval;

/**
 * Turns the parse into the immutable AST, decoding literals and reporting the forms the chosen
 * dialect does not accept. It reads the contexts' labels only: the parse builds no tree. Structural
 * rules Prometheus enforces while parsing (offsets only on selectors, {@code bool} only on
 * comparisons…) are checked here; value types are the type checker's job.
 */
final class AstBuilder {
  private final Dialect dialect;
  private final Diagnostics diagnostics;
  private final Predicate<String> isAggregation;
  private final List<EscapedName> escapedAggregations = new ArrayList<>();

  /** WITH templates in scope that hold a string (null for other templates and parameters). */
  private final java.util.Deque<java.util.Map<String, String>> stringTemplates =
      new java.util.ArrayDeque<>();

  AstBuilder(Dialect dialect, Diagnostics diagnostics, Predicate<String> isAggregation) {
    this.dialect = dialect;
    this.diagnostics = diagnostics;
    this.isAggregation = isAggregation;
  }

  Expr build(QueryContext query) {
    Expr expr = expr(query.body);
    if (!escapedAggregations.isEmpty() && !writtenBackAndReparsed(expr)) {
      for (EscapedName e : escapedAggregations) {
        // VictoriaMetrics tells aggregations by the name as written, then looks the unescaped
        // name up among functions, where aggregations are not.
        diagnostics.error(
            DiagnosticCode.UNKNOWN_FUNCTION,
            e.span(),
            "unknown function \""
                + e.name()
                + "\": VictoriaMetrics reads aggregation names only without escapes");
      }
    }
    return expr;
  }

  /** An aggregation called by an escaped name (s\\um(x)). */
  private record EscapedName(String name, Span span) {}

  /**
   * Whether VictoriaMetrics (1.79) writes the query back as text and parses it again before it runs
   * it, so that escapes in aggregation names are gone (asked of the packaged binary with s\\um(x)):
   * when the query holds a binary operation or a '-' sign anywhere (x + s\\um(x), sum(s\\um(-x))),
   * or is a subscript (s\\um(x)[5m:1m], not rate(s\\um(x)[5m:1m])).
   */
  private static boolean writtenBackAndReparsed(Expr query) {
    Expr root = query;
    while (root instanceof UnaryExpr u && !u.negative()) {
      root = u.expr(); // a '+' sign is dropped
    }
    if (root instanceof SubqueryExpr) {
      return true;
    }
    boolean[] operation = new boolean[1];
    Exprs.walk(
        query,
        e -> operation[0] |= e instanceof BinaryExpr || (e instanceof UnaryExpr u && u.negative()));
    return operation[0];
  }

  private Expr expr(ExprContext ctx) {
    if (ctx instanceof PrimaryExprContext p) {
      return primary(p.value);
    }
    if (ctx instanceof BinaryExprContext b) {
      return binary(b);
    }
    if (ctx instanceof UnaryExprContext u) {
      if (dialect == Dialect.METRICSQL
          && u.operand instanceof OffsetExprContext outer
          && outer.base instanceof OffsetExprContext inner) {
        // VictoriaMetrics reads "-x offset 1m offset 5m" as (-(x offset 1m)) offset 5m.
        Span negatedSpan = span(u.sign).to(span(inner));
        Expr negated = new UnaryExpr(u.sign.getType() == PromQLLexer.SUB, expr(inner), negatedSpan);
        // The parentheses VictoriaMetrics' reading implies: the printer writes them back.
        return offset(new ParenExpr(negated, negatedSpan), outer, span(u));
      }
      return new UnaryExpr(u.sign.getType() == PromQLLexer.SUB, expr(u.operand), span(u));
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
    if (ctx instanceof RangeModifierExprContext r) {
      return rangeModifier(r);
    }
    if (ctx instanceof KeepExprContext k) {
      return keep(k);
    }
    throw new IllegalStateException("unhandled " + ctx.getClass().getSimpleName());
  }

  /** {@code a / b keep_metric_names}: MetricsQL, as {@code (a / b) keep_metric_names}. */
  private Expr keep(KeepExprContext k) {
    Expr base = expr(k.base);
    return keepMetricNames(base, false, k.keep, span(k), base);
  }

  // ---- primaries ----

  private Expr primary(PrimaryContext ctx) {
    if (ctx instanceof NumberLiteralContext n) {
      return number(n.value, false);
    }
    if (ctx instanceof DurationLiteralContext d) {
      return durationAsNumber(d.value);
    }
    if (ctx instanceof StringLiteralContext s) {
      return new StringLiteral(string(s.value), span(s));
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
    String text = token.getText();
    if (text.length() > 2 && text.charAt(0) == '0' && "oObB".indexOf(text.charAt(1)) >= 0) {
      metricsqlOnly(span(token), "octal and binary literals (" + text + ")");
    }
    checkLeadingZero(token);
    if (Double.isInfinite(n.value()) && !text.toLowerCase(java.util.Locale.ROOT).equals("inf")) {
      // Go's ParseFloat refuses it (both engines): Java's would read it as infinity.
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(token),
          "number " + text + " is out of range (a float64 ends near 1.8e308); write Inf if meant");
    }
    return new NumberLiteral(negative ? -n.value() : n.value(), span(token));
  }

  /**
   * MetricsQL reads a number with a leading zero as an octal integer; "05.5" or "09" fail there.
   */
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
          "MetricsQL reads a number with a leading 0 as an octal integer, and \""
              + text
              + "\" is not one; drop the leading 0");
    }
  }

  private Expr durationAsNumber(Token token) {
    Literals.DurationValue d = Literals.duration(token.getText());
    if (dialect == Dialect.PROMQL && d.steps() == 0 && d.promqlProblem() == null) {
      newerPrometheus(span(token), "durations used as numbers (" + token.getText() + ")", "3.0");
    } else {
      metricsqlOnly(span(token), "durations used as numbers (" + token.getText() + ")");
    }
    Span where = span(token);
    NumberLiteral seconds = new NumberLiteral(d.millis() / 1000.0, where);
    if (d.steps() == 0) {
      return seconds;
    }
    // MetricsQL takes steps here too: 11i is 11 times the query's step in seconds, step().
    Expr steps =
        new BinaryExpr(
            BinaryOp.MUL,
            new NumberLiteral(d.steps(), where),
            new Call("step", List.of(), false, where),
            false,
            null,
            false,
            where);
    Expr value =
        d.millis() == 0
            ? steps
            : new BinaryExpr(BinaryOp.ADD, seconds, steps, false, null, false, where);
    return new ParenExpr(value, where);
  }

  private Expr paren(ParenExprContext p) {
    if (p.items.size() > 1
        || (dialect == Dialect.METRICSQL && (p.items.isEmpty() || p.trailing != null))) {
      return union(p); // () and (a,) are unions in MetricsQL
    }
    if (p.items.isEmpty()) {
      diagnostics.error(
          DiagnosticCode.SYNTAX, span(p.close), "unexpected \")\"; expected an expression");
      return new ParenExpr(new NumberLiteral(0, span(p.close)), span(p));
    }
    Expr inner = expr(p.items.get(0));
    if (p.trailing != null) {
      diagnostics.error(
          DiagnosticCode.SYNTAX, span(p.close), "unexpected \")\"; expected an expression");
    }
    if (p.keep == null) {
      return new ParenExpr(inner, span(p));
    }
    // ((a + b) keep_metric_names) keep_metric_names: VictoriaMetrics sets it again
    return keepMetricNames(inner, true, p.keep, span(p), new ParenExpr(inner, span(p)));
  }

  /**
   * A binary operation {@code keep}s its metric names (MetricsQL; VictoriaMetrics v1.92+); an error
   * for anything else, or for a second one where {@code again} is false.
   */
  private Expr keepMetricNames(Expr inner, boolean again, Token keep, Span whole, Expr otherwise) {
    metricsqlOnly(span(keep), "keep_metric_names");
    if (inner instanceof BinaryExpr b && (again || !b.keepMetricNames())) {
      if (dialect == Dialect.METRICSQL) {
        diagnostics.warning(
            DiagnosticCode.NEWER_SYNTAX,
            span(keep),
            "keep_metric_names on a binary operation needs VictoriaMetrics v1.92 or newer; older"
                + " versions refuse the query");
      }
      return new BinaryExpr(
          b.op(), b.lhs(), b.rhs(), b.returnBool(), b.matching(), true, b.fill(), whole);
    }
    diagnostics.error(
        DiagnosticCode.SYNTAX,
        span(keep),
        "keep_metric_names applies to function calls and binary operations");
    return otherwise;
  }

  /** MetricsQL: (a, b, …) is union(a, b, …). */
  private Expr union(ParenExprContext p) {
    metricsqlOnly(span(p), "(a, b, …) unions");
    if (p.keep != null) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(p.keep),
          "keep_metric_names applies to function calls and binary operations");
    }
    List<Expr> args = new ArrayList<>(p.items.size());
    for (ExprContext item : p.items) {
      args.add(expr(item));
    }
    return new Call("union", args, false, span(p));
  }

  private Expr with(WithExprContext w) {
    metricsqlOnly(span(w.kw), "WITH templates");
    List<WithExpr.Definition> defs = new ArrayList<>();
    java.util.Map<String, String> scope = new java.util.HashMap<>();
    stringTemplates.push(scope);
    try {
      for (WithDefinitionContext d : w.defs) {
        List<String> params = d.params.stream().map(this::templateName).toList();
        java.util.Map<String, String> paramScope = new java.util.HashMap<>();
        params.forEach(p -> paramScope.put(p, null));
        stringTemplates.push(paramScope);
        Expr value;
        try {
          value = expr(d.value);
        } finally {
          stringTemplates.pop();
        }
        String name = templateName(d.name);
        defs.add(new WithExpr.Definition(name, params, value, span(d)));
        scope.put(name, params.isEmpty() && value instanceof StringLiteral sl ? sl.value() : null);
      }
      return new WithExpr(defs, expr(w.body), span(w));
    } finally {
      stringTemplates.pop();
    }
  }

  private Expr call(CallContext c) {
    String name = identifierText(c.name);
    boolean escaped = c.name.start.getText().indexOf('\\') >= 0;
    if (escaped) {
      metricsqlOnly(span(c.name), "escapes in function names");
    }
    ArgListContext argList = c.args;
    List<Expr> args = new ArrayList<>(argList == null ? 0 : argList.items.size());
    if (argList != null) {
      // Indexed loops on the hot paths here: without escape analysis (validate runs on C1) every
      // iterator is an allocation.
      for (int i = 0; i < argList.items.size(); i++) {
        args.add(expr(argList.items.get(i)));
      }
      if (argList.trailing != null) {
        metricsqlOnly(span(argList.trailing), "a trailing comma in function arguments");
      }
    }
    boolean keep = c.keep != null;
    if (keep) {
      metricsqlOnly(span(c.keep), "keep_metric_names");
    }
    GroupingContext g = c.group;
    LimitContext limit = c.lim;
    // Aggregation names are keywords, case-insensitive in both languages; function names are
    // case-sensitive in PromQL.
    boolean aggregation = isAggregation.test(name.toLowerCase(Locale.ROOT));
    if (aggregation && escaped && dialect == Dialect.METRICSQL) {
      escapedAggregations.add(new EscapedName(name, span(c.name))); // judged in build()
    }
    if (!aggregation) {
      if (g != null) {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            span(g),
            "unexpected "
                + g.kind.getText()
                + "; only aggregations such as sum or count take "
                + g.kind.getText()
                + " (…), and "
                + name
                + " is not one");
      }
      if (limit != null) {
        diagnostics.error(DiagnosticCode.SYNTAX, span(limit), "limit applies to aggregations only");
      }
      return new Call(name, args, keep, span(c));
    }
    Grouping grouping = null;
    if (g != null) {
      grouping = new Grouping(g.kind.getType() == PromQLLexer.WITHOUT, labelList(g.labels));
    }
    long limitValue = 0;
    if (limit != null) {
      metricsqlOnly(span(limit), "limit on aggregations");
      limitValue = (long) Literals.number(limit.value.getText()).value();
    }
    if (keep && dialect == Dialect.METRICSQL) {
      // Accepted by MetricsQL on aggregations as well; kept only as a flag on calls.
      diagnostics.error(
          DiagnosticCode.SYNTAX, span(c.keep), "keep_metric_names is not allowed on aggregations");
    }
    return new AggregateExpr(name.toLowerCase(Locale.ROOT), args, grouping, limitValue, span(c));
  }

  private Expr selector(SelectorContext s) {
    String name = s.metric == null ? null : metricName(s.metric);
    LabelMatchersContext lm = s.matchers;
    List<List<LabelMatcher>> groups = new ArrayList<>(lm == null ? 1 : lm.groups.size());
    if (lm != null) {
      if (!lm.ors.isEmpty()) {
        metricsqlOnly(span(lm.ors.get(0)), "'or' filters inside {…}");
        if (dialect == Dialect.METRICSQL) {
          diagnostics.warning(
              DiagnosticCode.NEWER_SYNTAX,
              span(lm.ors.get(0)),
              "'or' filters inside {…} need VictoriaMetrics v1.92 or newer; older versions refuse the query");
        }
      }
      // Prometheus 3 reads a quoted name inside the braces as a __name__="…" matcher: two of
      // them, or one beside a __name__ matcher, are valid there (only a name before the braces
      // conflicts), so they stay matchers rather than the selector's name.
      boolean namesAsMatchers =
          dialect == Dialect.PROMQL && s.metric == null && nameMatcherCount(lm) > 1;
      for (int g = 0; g < lm.groups.size(); g++) {
        MatcherGroupContext group = lm.groups.get(g);
        List<LabelMatcher> matchers = new ArrayList<>(group.items.size());
        if (group.trailing != null && dialect == Dialect.PROMQL && lm.groups.size() > 1) {
          metricsqlOnly(span(group), "a trailing comma inside an 'or' filter");
        }
        for (int i = 0; i < group.items.size(); i++) {
          MatcherContext m = group.items.get(i);
          if (m instanceof QuotedMetricNameContext q) {
            quotedNameWarning(span(q), "metric names");
            String quoted = string(q.value);
            if (namesAsMatchers) {
              matchers.add(new LabelMatcher("__name__", MatchOp.EQ, quoted, span(q)));
              continue;
            }
            if (name != null && !name.equals(quoted)) { // metric{"metric"} is one name
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(q),
                  "metric name given twice: " + name + " and \"" + quoted + "\"");
            }
            name = quoted;
            if (dialect == Dialect.METRICSQL && hasNameMatcher(group)) {
              // VictoriaMetrics refuses {"foo", __name__="bar"}; Prometheus 3 takes both matchers
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(q),
                  "metric name given twice: \"" + quoted + "\" and a __name__ filter");
            }
          } else if (m instanceof TemplateReferenceContext t) {
            if (dialect == Dialect.PROMQL) {
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(t),
                  "unexpected identifier \""
                      + t.start.getText()
                      + "\" in label matching; expected label"
                      + " matching operator (=, !=, =~ or !~)");
            }
            matchers.add(new LabelMatcher(identifierText(t.name), null, null, span(t)));
          } else {
            LabelMatcherContext l = (LabelMatcherContext) m;
            String labelName = labelName(l.name);
            MatchOp op =
                switch (l.op.getType()) {
                  case PromQLLexer.EQ -> MatchOp.EQ;
                  case PromQLLexer.NEQ -> MatchOp.NE;
                  case PromQLLexer.EQ_REGEX -> MatchOp.RE;
                  default -> MatchOp.NRE;
                };
            matchers.add(matcherValue(l, labelName, op));
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

  private static boolean hasNameMatcher(MatcherGroupContext group) {
    for (MatcherContext m : group.items) {
      if (m instanceof LabelMatcherContext l && isNameLabel(l.name)) {
        return true;
      }
    }
    return false;
  }

  /** Quoted names and __name__="…" matchers inside the braces. */
  private int nameMatcherCount(LabelMatchersContext lm) {
    int count = 0;
    for (MatcherGroupContext group : lm.groups) {
      for (MatcherContext m : group.items) {
        if (m instanceof QuotedMetricNameContext
            || m instanceof LabelMatcherContext l
                && l.op.getType() == PromQLLexer.EQ
                && isNameLabel(l.name)) {
          count++;
        }
      }
    }
    return count;
  }

  /** Whether a label name is __name__, bare or quoted (read without reporting anything). */
  private static boolean isNameLabel(LabelNameContext n) {
    String raw = n.getStart().getText();
    return raw.equals("__name__")
        || n.getStart().getType() == PromQLLexer.STRING
            && raw.length() == 10
            && raw.regionMatches(1, "__name__", 0, 8);
  }

  /**
   * A filter's value: a string, or MetricsQL's strings and WITH names joined by '+'. Names of WITH
   * templates holding a string are replaced by it; a template parameter keeps the value an
   * expression, known only where the template is called.
   */
  private LabelMatcher matcherValue(LabelMatcherContext l, String labelName, MatchOp op) {
    if (l.parts.size() > 1) {
      metricsqlOnly(span(l.parts.get(1)), "string concatenation in label filters");
    } else if (l.parts.get(0).str != null) { // the common case, one string: nothing to join
      return new LabelMatcher(labelName, op, string(l.parts.get(0).str), span(l));
    }
    StringBuilder literal = new StringBuilder();
    StringBuilder expression = new StringBuilder();
    boolean unresolved = false;
    for (MatcherValueContext part : l.parts) {
      if (expression.length() > 0) {
        expression.append(" + ");
      }
      if (part.str != null) {
        String v = string(part.str);
        literal.append(v);
        expression.append(io.vmrules.promql.print.Printer.quote(v));
        continue;
      }
      String ref = identifierText(part.ref);
      if (dialect == Dialect.PROMQL) {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            span(part),
            "unexpected identifier \"" + ref + "\" in label matching; expected a string");
        continue;
      }
      String known = stringTemplate(ref);
      if (known == null && stringTemplates.stream().noneMatch(scope -> scope.containsKey(ref))) {
        diagnostics.error(
            DiagnosticCode.WITH_TEMPLATE,
            span(part),
            "\""
                + ref
                + "\" is no WITH template or parameter in scope; a label filter joins strings and"
                + " WITH templates that hold strings");
      }
      if (known != null) {
        literal.append(known);
        expression.append(io.vmrules.promql.print.Printer.quote(known));
      } else {
        unresolved = true;
        expression.append(ref);
      }
    }
    return unresolved
        ? new LabelMatcher(labelName, op, expression.toString(), true, span(l))
        : new LabelMatcher(labelName, op, literal.toString(), span(l));
  }

  /** The string a WITH template in scope holds ({@code with (prefix = "x_") …}), or null. */
  private String stringTemplate(String name) {
    for (java.util.Map<String, String> scope : stringTemplates) {
      if (scope.containsKey(name)) {
        return scope.get(name); // null: a parameter or a non-string template shadows outer ones
      }
    }
    return null;
  }

  // ---- binary operations ----

  private Expr binary(BinaryExprContext b) {
    BinaryOp op = BinaryOp.fromSymbol(b.op.getText());
    Expr lhs = expr(b.lhs);
    Expr rhs = expr(b.rhs);
    Token keyword = modifierKeywordOperand(b.rhs, b.mod.matchKind != null);
    Token join = b.mod.matchKind != null && b.mod.group == null ? parenthesizedJoin(b.rhs) : null;
    if (join != null && dialect == Dialect.METRICSQL) {
      // VictoriaMetrics 1.79 writes "a + on(x) (group_left)" back without the parentheses and
      // reads the name as the modifier then: it exits.
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(join),
          "VictoriaMetrics reads \""
              + join.getText()
              + "\" right after on(...) or ignoring(...) as a modifier, parentheses or not (1.79"
              + " exits on it); to use a metric of that name write {__name__=~\""
              + join.getText()
              + "\"}");
    }
    if (keyword != null) {
      // "x + on": both engines read a modifier there and want its label list.
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(keyword),
          "\""
              + keyword.getText()
              + "\" reads as a modifier here and wants a label list such as "
              + keyword.getText()
              + " (job), then the right operand");
    }
    if (op.kind() == BinaryOp.Kind.METRICSQL) {
      metricsqlOnly(span(b.op), "the '" + op.symbol() + "' operator");
    }
    if (op.kind() == BinaryOp.Kind.HISTOGRAM) {
      if (dialect == Dialect.PROMQL) {
        newerPrometheus(span(b.op), "the histogram trim operators </ and >/", "3.11");
      } else {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            span(b.op),
            "'"
                + op.symbol()
                + "' trims Prometheus' native histograms; VictoriaMetrics has no such operator");
      }
    }
    aggregationNameBeforeWord(b);
    MatchingContext m = b.mod;
    boolean returnBool = m.boolMod != null;
    if (returnBool && !op.isComparison()) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(m.boolMod),
          "bool modifier can only be used on comparison operators, not on '" + op.symbol() + "'");
    }
    VectorMatching matching = null;
    if (m.matchKind != null) {
      List<String> labels = labelList(m.labels);
      VectorMatching.Side side = VectorMatching.Side.NONE;
      List<String> include = List.of();
      String prefix = null;
      GroupModifierContext gm = m.group;
      if (gm != null) {
        side =
            gm.groupKind.getType() == PromQLLexer.GROUP_LEFT
                ? VectorMatching.Side.LEFT
                : VectorMatching.Side.RIGHT;
        if (gm.labels != null) {
          include = labelList(gm.labels);
        }
        if (op.isSetOperator()) {
          diagnostics.error(
              DiagnosticCode.SYNTAX,
              span(gm.groupKind),
              "no grouping allowed for \"" + op.symbol() + "\" operation");
        }
        if (gm.prefix != null) {
          metricsqlOnly(span(gm.prefixKw), "the prefix modifier of group_left/right");
          if (dialect == Dialect.METRICSQL) {
            diagnostics.warning(
                DiagnosticCode.NEWER_SYNTAX,
                span(gm.prefixKw),
                "the prefix modifier needs a VictoriaMetrics newer than 1.79, which refuses the"
                    + " query");
          }
          prefix = string(gm.prefix);
        }
        boolean on = m.matchKind.getType() == PromQLLexer.ON;
        if (on && dialect == Dialect.PROMQL) {
          for (String l : include) {
            if (labels.contains(l)) {
              diagnostics.error(
                  DiagnosticCode.SYNTAX,
                  span(gm.labels),
                  "label \"" + l + "\" must not occur in ON and GROUP clause at once");
            }
          }
        }
      }
      matching =
          new VectorMatching(
              m.matchKind.getType() == PromQLLexer.ON, labels, side, include, prefix);
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, matching, false, fill(m, op), span(b));
  }

  /**
   * Prometheus' experimental fill modifiers: {@code fill(v)}, or {@code fill_left(v)} and {@code
   * fill_right(v)} once each, in either order; null when there are none.
   */
  private BinaryExpr.Fill fill(MatchingContext m, BinaryOp op) {
    if (m.fills.isEmpty()) {
      return null;
    }
    Span where = span(m.fills.get(0)).to(span(m.fills.get(m.fills.size() - 1)));
    if (dialect == Dialect.METRICSQL) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "fill modifiers are Prometheus syntax (experimental); VictoriaMetrics has none");
      return null;
    }
    diagnostics.warning(
        DiagnosticCode.EXPERIMENTAL,
        where,
        "fill modifiers are experimental: Prometheus needs"
            + " --enable-feature=promql-binop-fill-modifiers");
    if (op.isSetOperator()) {
      diagnostics.error(
          DiagnosticCode.SYNTAX, where, "filling in missing series not allowed for set operators");
    }
    Double left = null;
    Double right = null;
    for (FillModifierContext f : m.fills) {
      double value = fillValue(f);
      String kind = f.kind.getText().toLowerCase(Locale.ROOT);
      // after fill(v) both sides are set, so anything that follows it is a repeat
      boolean again =
          kind.equals("fill") && (left != null || right != null)
              || kind.equals("fill_left") && left != null
              || kind.equals("fill_right") && right != null;
      if (again) {
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            span(f),
            "fill modifiers go as fill(v), or fill_left(v) and fill_right(v) once each");
        return null;
      }
      switch (kind) {
        case "fill" -> {
          left = value;
          right = value;
        }
        case "fill_left" -> left = value;
        default -> right = value;
      }
    }
    return new BinaryExpr.Fill(left, right);
  }

  private double fillValue(FillModifierContext f) {
    double value =
        f.value.getType() == PromQLLexer.DURATION
            ? Literals.duration(f.value.getText()).millis() / 1000.0
            : Literals.number(f.value.getText()).value();
    return f.sign != null && f.sign.getType() == PromQLLexer.SUB ? -value : value;
  }

  /** A right operand that is a bare on, ignoring, group_left, group_right or bool: a modifier. */
  /**
   * VictoriaMetrics reads an aggregation's name followed by a word ({@code sum or x}) as the start
   * of an aggregation and wants by/without or its arguments there; as a metric name, the name must
   * be written {__name__=~"sum"} (VictoriaMetrics writes {__name__="sum"} back as sum and panics,
   * see NameReprint) or be followed by a symbol ({@code sum + 1}).
   */
  private void aggregationNameBeforeWord(BinaryExprContext b) {
    // The name just before the operator: "x - mad and y" too, and "+s\\um or x" (VictoriaMetrics
    // drops the sign when it writes the query back)
    ExprContext lhs = b.lhs;
    boolean inBinary = false;
    while (lhs instanceof BinaryExprContext || lhs instanceof UnaryExprContext) {
      inBinary |= lhs instanceof BinaryExprContext;
      lhs = lhs instanceof BinaryExprContext l ? l.rhs : ((UnaryExprContext) lhs).operand;
    }
    if (dialect != Dialect.METRICSQL
        || !Character.isLetter(b.op.getText().charAt(0))
        || !(lhs instanceof PrimaryExprContext p)
        || !(p.value instanceof SelectorContext s)
        || s.metric == null
        || s.matchers != null) {
      return;
    }
    String name = s.metric.start.getText();
    if (inBinary && name.indexOf('\\') >= 0) {
      return; // read as a name while parsing; written back as "(x + sum) or y"
    }
    // an escaped name (s\\um) too: VictoriaMetrics writes it back as "sum or x" and then panics
    // (1.79)
    if (isAggregation.test(Literals.identifier(name).toLowerCase(Locale.ROOT))) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(b.op),
          "VictoriaMetrics reads \""
              + name
              + "\" before \""
              + b.op.getText()
              + "\" as an aggregation and wants by, without or \"(\" here; to use a metric of"
              + " that name write {__name__=~\""
              + Literals.identifier(name)
              + "\"}");
    }
  }

  /** {@code grouped}: the operation has on(...) or ignoring(...), after which on is a name. */
  private static Token modifierKeywordOperand(ExprContext rhs, boolean grouped) {
    // The right operand's leading name: "x + on", "x + + on" (VictoriaMetrics 1.79 panics) and
    // "x + on[5m]" alike, since both engines read the word as a modifier wanting "(".
    ExprContext e = rhs;
    while (true) {
      if (e instanceof UnaryExprContext u) {
        e = u.operand;
      } else if (e instanceof BinaryExprContext b) {
        if (b.lhs instanceof UnaryExprContext u
            && u.sign.getType() == PromQLLexer.SUB
            && BinaryOp.fromSymbol(b.op.getText()).precedence() > BinaryOp.ADD.precedence()) {
          return null; // "x + -on * y" is written back as x + -(on * y), which reads
        }
        e = b.lhs;
      } else if (e instanceof SubscriptExprContext s) {
        e = s.base;
      } else if (e instanceof OffsetExprContext o) {
        e = o.base;
      } else if (e instanceof AtExprContext a) {
        e = a.base;
      } else if (e instanceof RangeModifierExprContext r) {
        e = r.base;
      } else {
        break;
      }
    }
    if (e instanceof PrimaryExprContext p
        && p.value instanceof SelectorContext s
        && s.metric != null) {
      int type = s.metric.start.getType();
      // on{a="b"} too (both engines want "(" after on or ignoring). group_left and group_right
      // are modifiers only after on(...) or ignoring(...), where the grammar reads them so:
      // elsewhere VictoriaMetrics takes them as names ("a + group_left") and Prometheus refuses
      // them as keywords (reported where names are read).
      boolean grouping = !grouped && (type == PromQLLexer.ON || type == PromQLLexer.IGNORING);
      if (grouping || (type == PromQLLexer.BOOL && s.matchers == null)) {
        return s.metric.start;
      }
    }
    return null;
  }

  /**
   * The bare group_left or group_right in parentheses that is all of {@code rhs}, or null. ("a +
   * on(x) (group_left) * b" is written back with the product in parentheses, which reads.)
   */
  private static Token parenthesizedJoin(ExprContext rhs) {
    if (!(rhs instanceof PrimaryExprContext p && p.value instanceof ParenExprContext paren)) {
      return null;
    }
    while (paren.items.size() == 1
        && paren.keep == null
        && paren.items.get(0) instanceof PrimaryExprContext inner) {
      if (inner.value instanceof ParenExprContext nested) {
        paren = nested;
      } else if (inner.value instanceof SelectorContext s
          && s.metric != null
          && s.matchers == null
          && (s.metric.start.getType() == PromQLLexer.GROUP_LEFT
              || s.metric.start.getType() == PromQLLexer.GROUP_RIGHT)) {
        return s.metric.start;
      } else {
        return null;
      }
    }
    return null;
  }

  // ---- postfix forms: ranges, subqueries, offset, @ ----

  private Expr subscript(SubscriptExprContext s) {
    Expr base = expr(s.base);
    Span where = span(s.open).to(span(s.close));
    boolean colon = s.colon != null;
    if (s.range == null && (!colon || dialect == Dialect.PROMQL)) {
      diagnostics.error(DiagnosticCode.SYNTAX, where, "missing range duration inside [ ]");
      return base;
    }
    // MetricsQL: a subquery's window may be left out ([:1m], [:]); the AST keeps it null.
    Duration range = s.range == null ? null : duration(s.range, false);
    Duration step = s.step == null ? null : duration(s.step, false);
    if (dialect == Dialect.METRICSQL && s.step != null && s.step.start.getText().indexOf('-') > 0) {
      diagnostics.error(
          DiagnosticCode.DURATION,
          span(s.step),
          "VictoriaMetrics reads no '-' inside a subquery's step; write the step as one duration");
    }
    if (dialect == Dialect.METRICSQL && takesNoSubscript(s.base)) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "VictoriaMetrics reads one [ ] after an expression and none after offset or @; put the"
              + " expression before it in parentheses: (x[5m:1m])[1h:5m], (x offset 1h)[5m:1m]");
      return base;
    }
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
    if (base instanceof MatrixSelector || (base instanceof SubqueryExpr && colon)) {
      if (dialect == Dialect.PROMQL || base instanceof MatrixSelector) {
        diagnostics.error(
            DiagnosticCode.TYPE,
            where,
            "subquery is only allowed on an instant vector, got range vector");
      }
    }
    return new SubqueryExpr(base, range, colon, step, null, null, span(s));
  }

  /** VictoriaMetrics takes one [ ] after an expression, and none after offset or @. */
  private static boolean takesNoSubscript(ExprContext base) {
    return base instanceof SubscriptExprContext
        || base instanceof OffsetExprContext
        || base instanceof AtExprContext;
  }

  private Expr offset(OffsetExprContext o) {
    return offset(expr(o.base), o, span(o));
  }

  private Expr offset(Expr base, OffsetExprContext o, Span whole) {
    OffsetModifierContext m = o.modifier;
    if (m.sign != null && m.sign.getType() == PromQLLexer.ADD && dialect == Dialect.PROMQL) {
      newerPrometheus(span(m.sign), "signs + after offset", "3.x");
    } else if (m.sign != null && m.sign.getType() == PromQLLexer.ADD) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(m.sign),
          "unexpected \"+\" after offset; an offset is a duration, or a negative one (offset -5m)");
    }
    Duration d = durationValue(m.value, m.sign != null && m.sign.getType() == PromQLLexer.SUB);
    Span where = span(m);
    if (base instanceof VectorSelector v) {
      if (v.offset() != null) {
        return twice(where, "offset", base);
      }
      return new VectorSelector(
          v.name(), v.matcherGroups(), d, v.at(), v.rangeModifier(), v.span().to(where));
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
      return new SubqueryExpr(
          sq.expr(), sq.range(), sq.colon(), sq.step(), d, sq.at(), sq.span().to(where));
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
    return new OffsetExpr(base, d, null, whole);
  }

  private Expr at(AtExprContext a) {
    Expr base = expr(a.base);
    AtModifierContext m = a.modifier;
    Expr value = primary(m.value);
    Span where = span(m);
    if (m.sign != null) {
      if (value instanceof NumberLiteral n) {
        value =
            new NumberLiteral(
                m.sign.getType() == PromQLLexer.SUB ? -n.value() : n.value(),
                span(m.sign).to(n.span()));
      } else {
        value =
            new UnaryExpr(
                m.sign.getType() == PromQLLexer.SUB, value, span(m.sign).to(value.span()));
      }
    }
    boolean promqlForm =
        value instanceof NumberLiteral
            || (value instanceof Call c
                && c.args().isEmpty()
                && (c.name().equals("start") || c.name().equals("end")));
    if (!promqlForm) {
      metricsqlOnly(value.span(), "@ with an expression other than a number, start() or end()");
    }
    if (value instanceof NumberLiteral n
        && dialect == Dialect.PROMQL
        && (Double.isNaN(n.value()) || Double.isInfinite(n.value()))) {
      diagnostics.error(DiagnosticCode.SYNTAX, where, "timestamp out of bounds for @ modifier");
    }
    if (base instanceof VectorSelector v) {
      if (v.at() != null) {
        return twice(where, "@", base);
      }
      return new VectorSelector(
          v.name(), v.matcherGroups(), v.offset(), value, v.rangeModifier(), v.span().to(where));
    }
    if (base instanceof MatrixSelector ms) {
      VectorSelector v = ms.selector();
      if (v.at() != null) {
        return twice(where, "@", base);
      }
      return new MatrixSelector(
          v.withModifiers(v.offset(), value), ms.range(), ms.span().to(where));
    }
    if (base instanceof SubqueryExpr sq) {
      if (sq.at() != null) {
        return twice(where, "@", base);
      }
      return new SubqueryExpr(
          sq.expr(), sq.range(), sq.colon(), sq.step(), sq.offset(), value, sq.span().to(where));
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

  /**
   * Prometheus' experimental {@code anchored} and {@code smoothed} after a selector or a range over
   * one. The grammar takes any name after an expression here: other names are an error.
   */
  private Expr rangeModifier(RangeModifierExprContext r) {
    Expr base = expr(r.base);
    Span where = span(r.rangeMod);
    String word = r.rangeMod.getText();
    RangeModifier modifier =
        switch (word.toLowerCase(Locale.ROOT)) {
          case "anchored" -> RangeModifier.ANCHORED;
          case "smoothed" -> RangeModifier.SMOOTHED;
          default -> null;
        };
    if (modifier == null) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "unexpected identifier \"" + word + "\" after an expression; expected an operator");
      return base;
    }
    if (dialect == Dialect.METRICSQL) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "the "
              + modifier.keyword()
              + " modifier is Prometheus syntax (experimental); VictoriaMetrics has none");
      return base;
    }
    diagnostics.warning(
        DiagnosticCode.EXPERIMENTAL,
        where,
        "the "
            + modifier.keyword()
            + " modifier is experimental: Prometheus needs"
            + " --enable-feature=promql-extended-range-selectors");
    VectorSelector v =
        base instanceof VectorSelector s
            ? s
            : base instanceof MatrixSelector m ? m.selector() : null;
    if (v == null) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          "the "
              + modifier.keyword()
              + " modifier applies to a selector or a range over one"
              + (base instanceof SubqueryExpr ? ", not to a subquery" : ""));
      return base;
    }
    if (v.rangeModifier() != RangeModifier.NONE) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          where,
          v.rangeModifier() == modifier
              ? modifier.keyword() + " modifier given twice"
              : "anchored and smoothed modifiers cannot be used together");
      return base;
    }
    Span whole = base.span().to(where);
    return base instanceof MatrixSelector m
        ? new MatrixSelector(v.withRangeModifier(modifier, v.span()), m.range(), whole)
        : v.withRangeModifier(modifier, whole);
  }

  private Expr twice(Span where, String modifier, Expr base) {
    diagnostics.error(DiagnosticCode.SYNTAX, where, modifier + " modifier given twice");
    return base;
  }

  // ---- durations ----

  private Duration durationValue(DurationValueContext d, boolean negative) {
    if (d.dur != null) {
      return literalDuration(d.dur, negative, true);
    }
    if (d.num != null) {
      return numberAsDuration(d.num, false, negative);
    }
    if (dialect == Dialect.PROMQL && d.inner != null) {
      Duration prometheus = durationExpression(d.inner, negative, false);
      if (prometheus != null) {
        return prometheus;
      }
    }
    if (d.fn != null) {
      Expr call =
          dialect == Dialect.PROMQL
              ? DurationExpression.call(Literals.identifier(d.fn.getText()), d.args, span(d))
              : null;
      if (call == null) {
        diagnostics.error(
            DiagnosticCode.DURATION,
            span(d),
            "expected a duration after offset, got \"" + Excerpt.of(text(d), 30) + "\"");
        return new Duration(0, 0, null, span(d));
      }
      return durationExpression(call, span(d), negative, false);
    }
    Expr e = d.inner != null ? expr(d.inner) : selectorFor(d.id);
    if (d.inner != null && dialect == Dialect.METRICSQL) {
      diagnostics.error(
          DiagnosticCode.DURATION,
          span(d),
          "VictoriaMetrics reads a duration, a number of seconds or a WITH template name after"
              + " offset, not an expression in parentheses");
    }
    metricsqlOnly(span(d), "duration expressions");
    if (negative) {
      e = new UnaryExpr(true, e, e.span());
    }
    return new Duration(0, 0, e, span(d));
  }

  /**
   * A number of seconds where a duration stands must be a plain decimal: VictoriaMetrics 1.79
   * panics (the process exits) on x[5K], x[0x10] or x offset 5M.
   */
  private void plainSeconds(Token number) {
    String text = number.getText();
    if (dialect == Dialect.METRICSQL && !PLAIN_DECIMAL.matcher(text).matches()) {
      diagnostics.error(
          DiagnosticCode.DURATION,
          span(number),
          "VictoriaMetrics crashes on "
              + text
              + " as a duration (1.79 panics); write a plain number of seconds or a duration"
              + " such as 5m");
    }
  }

  private static final java.util.regex.Pattern ONE_PART =
      java.util.regex.Pattern.compile("\\.[0-9]+(?:ms|[smhdwy])");

  private static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private Expr selectorFor(Token identifier) {
    return new VectorSelector(
        Literals.identifier(identifier.getText()),
        List.of(List.of()),
        null,
        null,
        span(identifier));
  }

  /**
   * A duration inside [ ]: a literal, a number of seconds or a step count (MetricsQL), or the name
   * of a WITH template (MetricsQL). Anything else, a negative window included, is an error.
   */
  private Duration duration(ExprContext ctx, boolean negative) {
    if (ctx instanceof PrimaryExprContext p) {
      if (p.value instanceof DurationLiteralContext d) {
        return literalDuration(d.value, negative, false);
      }
      if (p.value instanceof NumberLiteralContext n) {
        return numberAsDuration(n.value, true, negative);
      }
      if (p.value instanceof SelectorContext s
          && s.matchers == null
          && dialect == Dialect.METRICSQL) {
        return new Duration(0, 0, selector(s), span(s));
      }
    }
    if (dialect == Dialect.PROMQL) {
      Duration prometheus = durationExpression(ctx, negative, true);
      if (prometheus != null) {
        return prometheus;
      }
    }
    diagnostics.error(
        DiagnosticCode.DURATION,
        span(ctx),
        "expected a positive duration such as 5m inside [ ], got \""
            + Excerpt.of(text(ctx), 30)
            + "\"");
    return new Duration(60_000, 0, null, span(ctx));
  }

  /**
   * A number of seconds where a duration stands: MetricsQL, and Prometheus since 3.0 (a warning:
   * promtool 2.x refuses it), where a range or step must be positive and finite.
   */
  private Duration numberAsDuration(Token number, boolean positive, boolean negative) {
    Literals.Number v = Literals.number(number.getText());
    Span where = span(number);
    if (dialect == Dialect.PROMQL && !v.metricsqlOnly()) {
      newerPrometheus(where, "numbers as durations", "3.0");
      checkSeconds(v.value(), where, positive);
    } else {
      metricsqlOnly(where, "durations without a unit");
    }
    plainSeconds(number);
    double seconds = negative ? -v.value() : v.value();
    return new Duration(Math.round(seconds * 1000), 0, null, where);
  }

  /**
   * Prometheus' duration expression where a range, step or offset stands ({@link
   * DurationExpression}): a warning, since promtool and Prometheus before 3.14 refuse it without a
   * flag; folded into a plain duration when it holds no {@code step()} or {@code range()}. Null
   * when {@code ctx} is no duration expression.
   */
  private Duration durationExpression(ExprContext ctx, boolean negative, boolean positive) {
    Expr e = DurationExpression.of(ctx);
    return e == null ? null : durationExpression(e, span(ctx), negative, positive);
  }

  private Duration durationExpression(Expr e, Span where, boolean negative, boolean positive) {
    while (e instanceof ParenExpr p) { // [(5m * 2)] is [5m * 2]
      e = p.expr();
    }
    newerPrometheus(
        where,
        "duration expressions",
        "3.14 (3.x before it with --enable-feature=promql-duration-expr)");
    Span zero = DurationExpression.zeroDivisor(e);
    if (zero != null) {
      diagnostics.error(DiagnosticCode.DURATION, zero, "division by zero in a duration");
    }
    Double seconds = DurationExpression.seconds(e);
    if (seconds == null) {
      return new Duration(0, 0, negative ? new UnaryExpr(true, e, e.span()) : e, where);
    }
    double v = negative ? -seconds : seconds;
    if (zero == null) {
      checkSeconds(v, where, positive);
    }
    return new Duration(Double.isFinite(v) ? Math.round(v * 1000) : 0, 0, null, where);
  }

  /**
   * A PromQL duration given in seconds: within Go's time.Duration (NaN is not), and above 0 where a
   * range or step stands ({@code positive}).
   */
  private void checkSeconds(double seconds, Span where, boolean positive) {
    if (!(Math.abs(seconds) <= DurationExpression.MAX_SECONDS)) {
      diagnostics.error(DiagnosticCode.DURATION, where, "duration out of range");
    } else if (positive && seconds <= 0) {
      diagnostics.error(DiagnosticCode.DURATION, where, "duration must be greater than 0");
    }
  }

  private Duration literalDuration(Token token, boolean negative, boolean inOffset) {
    String text = token.getText();
    Literals.DurationValue v = Literals.duration(text);
    // VictoriaMetrics 1.79 panics on ".5m" (the process exits), but reads "offset -.5m".
    if (text.startsWith(".")
        && !(negative
            && inOffset
            && dialect == Dialect.METRICSQL
            && ONE_PART.matcher(text).matches())) {
      diagnostics.error(
          DiagnosticCode.DURATION,
          span(token),
          "a duration must start with a digit: write 0" + text + " instead of " + text);
    }
    if (v.promqlProblem() != null) {
      metricsqlOnly(span(token), v.promqlProblem());
    }
    if (v.steps() != 0) {
      return new Duration(
          negative ? -v.millis() : v.millis(),
          negative ? -v.steps() : v.steps(),
          null,
          span(token));
    }
    if (v.millis() == 0 && !inOffset && dialect == Dialect.PROMQL) {
      diagnostics.error(DiagnosticCode.DURATION, span(token), "duration must be greater than 0");
    }
    return new Duration(negative ? -v.millis() : v.millis(), 0, null, span(token));
  }

  // ---- names, labels, strings ----

  private List<String> labelList(LabelListContext l) {
    List<String> out = new ArrayList<>(l.names.size());
    for (LabelNameContext n : l.names) {
      String name = labelName(n);
      Token t = n.getStart();
      if (dialect == Dialect.PROMQL
          && (t.getType() == PromQLLexer.NUMBER || t.getType() == PromQLLexer.WITHOUT)) {
        // Prometheus' label lists take every other keyword as a name, not these three.
        diagnostics.error(
            DiagnosticCode.SYNTAX,
            span(t),
            "Prometheus does not read \""
                + name
                + "\" as a label name in a label list; quote it (\""
                + name
                + "\", Prometheus 3) or use MetricsQL");
      }
      out.add(name);
    }
    return out;
  }

  private String labelName(LabelNameContext n) {
    Token t = n.getStart();
    if (t.getType() == PromQLLexer.STRING) {
      quotedNameWarning(span(t), "label names");
      return string(t);
    }
    if (t.getType() == PromQLLexer.NUMBER) {
      return numberAsName(t, "label name");
    }
    String text = Literals.identifier(t.getText());
    if (dialect == Dialect.PROMQL && !Names.isLabelName(text)) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(t),
          "invalid label name \"" + text + "\"; expected [a-zA-Z_][a-zA-Z0-9_]* or a quoted name");
    }
    return text;
  }

  private String metricName(MetricNameContext m) {
    String text = m.start.getText(); // one token
    int type = m.start.getType();
    if (dialect == Dialect.PROMQL
        && (type == PromQLLexer.ATAN2
            || type == PromQLLexer.ON
            || type == PromQLLexer.IGNORING
            || type == PromQLLexer.GROUP_LEFT
            || type == PromQLLexer.GROUP_RIGHT
            || type == PromQLLexer.BOOL)) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(m),
          "unexpected keyword \""
              + text
              + "\"; Prometheus does not take it as a metric name (MetricsQL"
              + " does): write {__name__=\""
              + text
              + "\"}");
    }
    if (dialect == Dialect.PROMQL && (text.indexOf('.') >= 0 || text.indexOf('\\') >= 0)) {
      metricsqlOnly(span(m), "dots or escapes in unquoted metric names");
    }
    return Literals.identifier(text);
  }

  /** A WITH template's or parameter's name: a name, or inf or nan (numbers elsewhere). */
  private String templateName(TemplateNameContext t) {
    Token token = t.start; // one token
    return token.getType() == PromQLLexer.NUMBER
        ? numberAsName(token, "the name of a WITH template")
        : Literals.identifier(token.getText());
  }

  /** A NUMBER token where a name stands: inf and nan are names there, other numbers are not. */
  private String numberAsName(Token number, String expected) {
    String text = number.getText();
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals("inf") && !lower.equals("nan")) {
      diagnostics.error(
          DiagnosticCode.SYNTAX,
          span(number),
          "unexpected number " + text + "; expected " + expected);
    }
    return text;
  }

  private String identifierText(IdentifierContext id) {
    return Literals.identifier(id.start.getText()); // one token
  }

  private String string(Token token) {
    String[] error = new String[1];
    String value = Literals.string(token.getText(), error);
    if (value == null) {
      diagnostics.error(
          DiagnosticCode.SYNTAX, span(token), error[0] + " in string " + token.getText());
      return "";
    }
    return value;
  }

  /** Syntax Prometheus reads since {@code version} and promtool 2.x refuses: a warning. */
  private void newerPrometheus(Span span, String what, String version) {
    diagnostics.warning(
        DiagnosticCode.NEWER_SYNTAX,
        span,
        what + " need Prometheus " + version + " or newer; Prometheus 2.x refuses the query");
  }

  /**
   * Quoted names are newer than the tools many run: Prometheus 3.0 reads them, promtool 2.x does
   * not; VictoriaMetrics reads them since v1.112 (in by/without lists since v1.117).
   */
  private void quotedNameWarning(Span span, String what) {
    diagnostics.warning(
        DiagnosticCode.NEWER_SYNTAX,
        span,
        "quoted "
            + what
            + " need "
            + (dialect == Dialect.PROMQL
                ? "Prometheus 3.0 or newer; Prometheus 2.x refuses the query"
                : "VictoriaMetrics v1.112 or newer (v1.117 inside by/without lists); older versions refuse the query"));
  }

  private void metricsqlOnly(Span span, String what) {
    if (dialect == Dialect.PROMQL) {
      diagnostics.error(
          DiagnosticCode.METRICSQL_ONLY, span, what + " is MetricsQL syntax, not PromQL");
    }
  }

  static Span span(ParserRuleContext ctx) {
    int start = ctx.getStart().getStartIndex();
    Token stop = ctx.getStop();
    int end = stop == null || stop.getStopIndex() < start ? start : stop.getStopIndex() + 1;
    return new Span(Math.max(0, start), Math.max(Math.max(0, start), end));
  }

  static Span span(Token t) {
    int start = Math.max(0, t.getStartIndex());
    return new Span(start, Math.max(start, t.getStopIndex() + 1));
  }

  /** The source text of a context: a parse without a tree has no children to join. */
  private static String text(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    if (start == null || stop == null || stop.getStopIndex() < start.getStartIndex()) {
      return "";
    }
    return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
  }
}
