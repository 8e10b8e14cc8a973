package io.vmrules.promql.types;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.vmrules.cache.BoundedCache;
import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Diagnostics;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.GoStrings;
import io.vmrules.promql.Span;
import io.vmrules.promql.ValueType;
import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Duration;
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
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.promql.ast.WithExpr;
import io.vmrules.promql.print.Printer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Computes value types as Prometheus defines them and reports what does not fit: function
 * signatures, aggregation parameters, operator rules, the empty-matcher rule and RE2 regex syntax.
 *
 * <p>PromQL is checked as strictly as Prometheus does. MetricsQL is dynamically typed (rollups take
 * any expression, scalars and one-series vectors mix freely), so there only unknown functions,
 * argument counts, literal strings where numbers belong and regexes are errors: a false reject of a
 * query vmselect would run is worse than a missed mistake. A null type means "unknown".
 */
public final class TypeChecker {
  private final Dialect dialect;
  private final Diagnostics diagnostics;
  private final FunctionCatalog catalog = FunctionCatalog.standard();
  // info()'s label selectors, exempt from the non-empty-matcher rule (by identity)
  private final java.util.Set<VectorSelector> labelSelectors =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** The WITH templates in scope (MetricsQL), innermost first; null outside any WITH. */
  private Scope templates;

  private UnaryExpr signInParens; // the left operand of the binary operation being checked
  private boolean signBeforeProduct; // and that operation binds tighter than '+' and '-'

  private final NameReprint reprint =
      new NameReprint(name -> isAggregation(name, Dialect.METRICSQL), this::expandTemplate);

  public TypeChecker(Dialect dialect, Diagnostics diagnostics) {
    this.dialect = dialect;
    this.diagnostics = diagnostics;
  }

  /** Whether {@code name} is an aggregation (takes by/without) in {@code dialect}. */
  public static boolean isAggregation(String name, Dialect dialect) {
    FunctionSignature found = FunctionCatalog.standard().find(name, dialect);
    return found != null && found.isAggregation();
  }

  /** The type of {@code expr}, or null when unknown; reports problems as it goes. */
  public ValueType check(Expr expr) {
    if (expr instanceof NumberLiteral) {
      return ValueType.SCALAR;
    }
    if (expr instanceof StringLiteral) {
      return ValueType.STRING;
    }
    if (expr instanceof VectorSelector v) {
      selector(v);
      modifiers(v.offset(), v.at());
      return isTemplate(v) ? null : ValueType.INSTANT_VECTOR;
    }
    if (expr instanceof MatrixSelector m) {
      selector(m.selector());
      duration(m.range());
      modifiers(m.selector().offset(), m.selector().at());
      return ValueType.RANGE_VECTOR;
    }
    if (expr instanceof SubqueryExpr s) {
      ValueType inner = check(s.expr());
      if (strict() && inner != null && inner != ValueType.INSTANT_VECTOR) {
        typeError(
            s.expr().span(),
            "subquery is only allowed on an instant vector, got " + inner.description());
      }
      if (s.range() != null) {
        duration(s.range());
      }
      if (s.step() != null) {
        duration(s.step());
      }
      modifiers(s.offset(), s.at());
      return ValueType.RANGE_VECTOR;
    }
    if (expr instanceof OffsetExpr o) {
      modifiers(o.offset(), o.at());
      return check(o.expr());
    }
    if (expr instanceof ParenExpr p) {
      return check(p.expr());
    }
    if (expr instanceof UnaryExpr u) {
      boolean inParens = u == signInParens;
      boolean beforeProduct = inParens && signBeforeProduct;
      ValueType t = check(u.expr());
      NameReprint.Culprit culprit = strict() ? null : reprint.modifierAfterSign(u);
      // "-bool + x" does crash; "-bool * x" is written back as -(bool * x), which reads
      if (culprit != null && !beforeProduct && (!inParens || !culprit.filter())) {
        crashesOnReprint(culprit, "a modifier");
      }
      if (strict() && t != null && t != ValueType.SCALAR && t != ValueType.INSTANT_VECTOR) {
        typeError(
            u.span(),
            "unary expression only allowed on expressions of type scalar or instant vector, got "
                + t.description());
      }
      return t;
    }
    if (expr instanceof BinaryExpr b) {
      return binary(b);
    }
    if (expr instanceof Call c) {
      return call(c);
    }
    if (expr instanceof AggregateExpr a) {
      return aggregate(a);
    }
    if (expr instanceof WithExpr w) {
      return with(w);
    }
    throw new IllegalStateException("unhandled " + expr);
  }

  // ---- selectors ----

  private void selector(VectorSelector v) {
    if (v.matcherGroups().size() > 1 && isTemplate(v) && holdsOrFilters(lookup(v.name()))) {
      orFiltersInBraces(v.span(), v.name()); // x{a="b" or c="d"}, x holding or-filters itself
    }
    boolean nonEmpty = v.name() != null;
    for (List<LabelMatcher> group : v.matcherGroups()) {
      for (LabelMatcher m : group) {
        if (m.isTemplateReference()) {
          filterReference(m);
          nonEmpty = true;
          continue;
        }
        if (m.expression()) {
          nonEmpty = true; // known only where the template is called
          continue;
        }
        Regex regex = null;
        if (m.op().isRegex() && m.value().length() > Regex.MAX_CHECKED) {
          // RE2 in Java (re2j) parses such regexes in quadratic time and memory (Go's does not):
          // they are left to the engine rather than checked at the cost of minutes and gigabytes.
          diagnostics.warning(
              DiagnosticCode.REGEX,
              m.span(),
              "regular expression of "
                  + m.value().length()
                  + " characters not checked (at most "
                  + Regex.MAX_CHECKED
                  + " are): the engine will parse it");
          nonEmpty = true;
          continue;
        }
        if (m.op().isRegex()) {
          regex = Regex.of(m.value());
          if (regex.error() != null) {
            diagnostics.error(
                DiagnosticCode.REGEX,
                m.span(),
                "invalid regular expression in "
                    + m.name()
                    + m.op().symbol()
                    + Printer.quote(m.value())
                    + ": "
                    + regex.error());
            nonEmpty = true;
            continue;
          }
        }
        if (!matchesEmpty(m, regex)) {
          nonEmpty = true;
        }
        if (strict() && m.name().equals("__name__") && v.name() != null && m.op() == MatchOp.EQ) {
          diagnostics.error(
              DiagnosticCode.SYNTAX,
              m.span(),
              "metric name must not be set twice: \"" + v.name() + "\" or \"" + m.value() + "\"");
        }
      }
    }
    if (strict() && !nonEmpty && !labelSelectors.contains(v)) {
      diagnostics.error(
          DiagnosticCode.EMPTY_MATCHER,
          v.span(),
          "vector selector must contain at least one non-empty matcher (one that does not match \"\")");
    }
  }

  private static boolean matchesEmpty(LabelMatcher m, Regex regex) {
    return switch (m.op()) {
      case EQ -> m.value().isEmpty();
      case NE -> !m.value().isEmpty();
      case RE -> regex.matchesEmpty();
      case NRE -> !regex.matchesEmpty();
    };
  }

  /**
   * What the checks need of a matcher's regex (anchored, as Prometheus anchors it): its syntax
   * error, or whether it matches the empty string. Remembered by text: rule files repeat the same
   * few regexes, and compiling one cost as much as the rest of the type check.
   */
  private record Regex(String error, boolean matchesEmpty) {
    /** Longer regexes are not compiled: 16 KiB took 0.2 s, 180 KiB 17 s and 6 GB. */
    static final int MAX_CHECKED = 16 * 1024;

    private static final BoundedCache<String, Regex> SEEN = new BoundedCache<>(4096);

    static Regex of(String value) {
      return SEEN.get(value, Regex::compile);
    }

    private static Regex compile(String value) {
      if (!GoStrings.isValidUtf8(value)) {
        return new Regex("invalid UTF-8", false); // Go's regexp refuses it
      }
      RegexShape.Result shape = RegexShape.of(value);
      if (shape.error() != null) {
        return new Regex(shape.error(), false);
      }
      try {
        Pattern p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
        return new Regex(
            null, p.groupCount() == 0 ? p.matches("") : matchesEmpty(shape.withoutCaptures(), p));
      } catch (PatternSyntaxException e) {
        return new Regex(e.getDescription(), false);
      }
    }

    /** Matched without its capturing groups (same language, linear); the original if that fails. */
    private static boolean matchesEmpty(String withoutCaptures, Pattern original) {
      try {
        return Pattern.compile("^(?:" + withoutCaptures + ")$", Pattern.DOTALL).matches("");
      } catch (PatternSyntaxException e) {
        return original.matches("");
      }
    }
  }

  private boolean isTemplate(VectorSelector v) {
    return v.name() != null && templateParams(v.name()).isPresent();
  }

  /**
   * {@code m{x}}: VictoriaMetrics expands x, which must be a WITH template (or a parameter) holding
   * label filters only, such as {@code {a="b"}}.
   */
  private void filterReference(LabelMatcher m) {
    templateParams(m.name()); // checks the definition on first use, as a use anywhere else does
    Template t = lookup(m.name());
    if (t == null) {
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          m.span(),
          "\""
              + m.name()
              + "\" inside {} is neither a label filter (name=\"value\") nor a WITH template"
              + " holding label filters");
      return;
    }
    if (t.definition() == null) {
      return; // a parameter: whatever the caller passes
    }
    if (t.params() != 0) {
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          m.span(),
          "WITH template \""
              + m.name()
              + "\" takes arguments; inside {} only a template without parameters holding label"
              + " filters can stand");
      return;
    }
    Expr value = t.definition().value();
    while (value instanceof ParenExpr p) {
      value = p.expr();
    }
    if (!(value instanceof VectorSelector v
        && v.name() == null
        && v.offset() == null
        && v.at() == null)) {
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          m.span(),
          "WITH template \""
              + m.name()
              + "\" must hold label filters only, such as {a=\"b\"}, to be used"
              + " inside {}");
    } else if (v.matcherGroups().size() > 1) {
      orFiltersInBraces(m.span(), m.name());
    }
  }

  private static boolean holdsOrFilters(Template t) {
    if (t == null || t.definition() == null || t.params() != 0) {
      return false;
    }
    Expr value = Exprs.unwrap(t.definition().value());
    return value instanceof VectorSelector v && v.matcherGroups().size() > 1;
  }

  /** VictoriaMetrics cannot expand filters joined by {@code or} into other filters. */
  private void orFiltersInBraces(Span span, String name) {
    diagnostics.error(
        DiagnosticCode.WITH_TEMPLATE,
        span,
        "\""
            + name
            + "\" holds filters joined by or, which VictoriaMetrics cannot put into other filters"
            + " ({x}, x{…}); spell the or-filters out where they are used");
  }

  private void modifiers(Duration offset, Expr at) {
    if (offset != null) {
      duration(offset);
    }
    if (at != null && !(at instanceof Call c && c.args().isEmpty() && isStartOrEnd(c.name()))) {
      ValueType t = check(at);
      if (t == ValueType.STRING) {
        typeError(at.span(), "@ modifier needs a number, got string");
      }
    }
  }

  private void duration(Duration d) {
    Expr e = d.expr();
    while (e instanceof UnaryExpr u) { // offset -w
      e = u.expr();
    }
    if (!(e instanceof VectorSelector v) || v.name() == null) {
      return;
    }
    if (templateParams(v.name()).isEmpty()) {
      diagnostics.error(
          DiagnosticCode.DURATION,
          d.span(),
          "expected a duration such as 5m, got \"" + v.name() + "\" (not a WITH template name)");
    } else {
      diagnostics.warning(
          DiagnosticCode.NEWER_SYNTAX,
          d.span(),
          "a WITH template as a duration needs a VictoriaMetrics newer than 1.79, which refuses"
              + " the query");
    }
  }

  // ---- operators ----

  private ValueType binary(BinaryExpr b) {
    // A '-' sign on the left operand is written back in parentheses: "x + -on * y" reads back
    Expr left = b.lhs();
    while (left instanceof UnaryExpr u && !u.negative()) {
      left = u.expr(); // a '+' sign is dropped
    }
    signInParens = left instanceof UnaryExpr u ? u : null;
    signBeforeProduct = b.op().precedence() > BinaryOp.ADD.precedence();
    ValueType l = check(b.lhs());
    ValueType r = check(b.rhs());
    if (!strict()) {
      crashesOnReprint(
          reprint.aggregationBeforeWord(b), "an aggregation wanting by, without or \"(\"");
      crashesOnReprint(reprint.modifierAfterOperator(b), "a modifier");
    }
    // "a" + b is string concatenation in MetricsQL: b must be a string or a WITH template.
    boolean concatenation =
        !strict() && l == ValueType.STRING && b.op() == BinaryOp.ADD && joinable(b.lhs());
    VectorSelector joined = concatenation ? reprint.joinedSelector(b.rhs()) : null;
    if (joined != null && joined.name() == null) {
      // "a" + {__name__="x"} is written back as "a" + x, a concatenation without a string
      crashesOnReprint(
          NameReprint.Culprit.of(NameReprint.soleName(joined)),
          "a string (a WITH template) to join");
    }
    if (joined != null
        && joined.name() != null
        && joined.matcherGroups().size() == 1
        && joined.matcherGroups().get(0).isEmpty() // "a" + b{c="d"} is not joined
        && !isTemplate(joined)) {
      // "a" + b is string concatenation in MetricsQL, b a WITH template holding a string.
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          joined.span(),
          "\""
              + joined.name()
              + "\" after a string and '+' must be a string or a WITH template holding one"
              + " (MetricsQL joins strings with +)");
    }
    if (!strict()) {
      if (l == ValueType.SCALAR && r == ValueType.SCALAR) {
        return ValueType.SCALAR;
      }
      return l == null || r == null
          ? null
          : l == ValueType.STRING && r == ValueType.STRING
              ? ValueType.STRING
              : ValueType.INSTANT_VECTOR;
    }
    if (l == null || r == null) {
      return null;
    }
    if (!isOperand(l) || !isOperand(r)) {
      typeError(
          b.span(),
          "binary expression must contain only scalar and instant vector types, got "
              + l.description()
              + " "
              + b.op().symbol()
              + " "
              + r.description());
      return null;
    }
    boolean scalars = l == ValueType.SCALAR && r == ValueType.SCALAR;
    if (b.op().isComparison() && scalars && !b.returnBool()) {
      typeError(
          b.span(),
          "comparisons between scalars must use the bool modifier: "
              + "write "
              + b.op().symbol()
              + " bool");
    }
    if (b.op().isSetOperator() && (l == ValueType.SCALAR || r == ValueType.SCALAR)) {
      typeError(
          b.span(),
          "set operator \"" + b.op().symbol() + "\" not allowed in binary scalar expression");
    }
    if (b.fill() != null && (l == ValueType.SCALAR || r == ValueType.SCALAR)) {
      typeError(b.span(), "filling in missing series only allowed between instant vectors");
    }
    if (b.matching() != null && (l == ValueType.SCALAR || r == ValueType.SCALAR)) {
      typeError(
          b.span(),
          "vector matching (on/ignoring/group_left/group_right) only allowed between instant vectors");
    }
    return scalars ? ValueType.SCALAR : ValueType.INSTANT_VECTOR;
  }

  private static boolean isOperand(ValueType t) {
    return t == ValueType.SCALAR || t == ValueType.INSTANT_VECTOR;
  }

  // ---- functions and aggregations ----

  private ValueType call(Call c) {
    if (templateCall(c.name(), c.args(), c.span())) {
      return null;
    }
    FunctionSignature found = catalog.find(c.name(), dialect);
    if (found == null || found.isAggregation()) {
      c.args().forEach(this::check);
      unknownFunction(c.name(), c.span());
      return null;
    }
    if (strict() && lower(c.name()).equals("info") && c.args().size() > 1) {
      infoSelector(c.args().get(1));
    }
    ValueType type = applySignature(found, c.name(), c.args(), c.span(), "function");
    if (!strict()) {
      metricsqlCallShape(lower(c.name()), c.args(), c.span());
    } else if (c.name().equals("label_replace") && c.args().size() == 5) {
      labelName(
          c.args().get(1),
          "label_replace's destination label name",
          "invalid destination label name");
    } else if (c.name().equals("label_join") && c.args().size() >= 3) {
      labelName(
          c.args().get(1), "label_join's destination label name", "invalid destination label name");
      for (int i = 3; i < c.args().size(); i++) {
        labelName(c.args().get(i), "label_join's source label name", "invalid source label name");
      }
    }
    int regexArg =
        switch (lower(c.name())) {
          case "label_replace" -> c.args().size() == 5 ? 4 : -1;
          case "label_transform", "label_match", "label_mismatch" ->
              c.args().size() >= 3 && !strict() ? 2 : -1;
          default -> -1;
        };
    if (regexArg >= 0 && Exprs.unwrap(c.args().get(regexArg)) instanceof StringLiteral regex) {
      String error = Regex.of(regex.value()).error();
      if (error != null) {
        diagnostics.error(
            DiagnosticCode.REGEX,
            regex.span(),
            "invalid regular expression in "
                + c.name()
                + ": "
                + Printer.quote(regex.value())
                + ": "
                + error);
      }
    }
    return type;
  }

  /**
   * A label name Prometheus takes from a string argument, checked only when the query runs: empty
   * or not UTF-8 ({@code "\xff"}), every evaluation of the rule fails with {@code refusal}. A
   * warning, as promtool accepts the rule. VictoriaMetrics takes any name.
   */
  private void labelName(Expr arg, String what, String refusal) {
    if (!(Exprs.unwrap(arg) instanceof StringLiteral s)) {
      return;
    }
    String problem =
        s.value().isEmpty()
            ? " is empty"
            : GoStrings.isValidUtf8(s.value())
                ? null
                : " " + Printer.quote(s.value()) + " is not UTF-8";
    if (problem != null) {
      diagnostics.warning(
          DiagnosticCode.LABEL_NAME,
          s.span(),
          what
              + problem
              + ": Prometheus fails every evaluation of this rule (\""
              + refusal
              + "\")");
    }
  }

  /**
   * info()'s second argument picks the info metrics and their data labels: label matchers only
   * ({@code {k8s_cluster_name=~".+"}}), which may all match the empty string, as Prometheus checks
   * it.
   */
  private void infoSelector(Expr arg) {
    if (arg instanceof VectorSelector v && v.name() == null) {
      labelSelectors.add(v);
    } else if (arg instanceof VectorSelector) {
      typeError(arg.span(), "expected label selectors only, got vector selector instead");
    } else {
      typeError(arg.span(), "expected label selectors only");
    }
  }

  /**
   * A call of a WITH template ({@code f(a, b)}, or {@code sum(x)} where a template is named sum,
   * which VictoriaMetrics expands in place of the aggregation): its arguments, their count and the
   * shapes its parameters need. False when {@code name} is no template.
   */
  private boolean templateCall(String name, List<Expr> args, Span span) {
    Optional<Integer> template = templateParams(name);
    if (template.isEmpty()) {
      return false;
    }
    args.forEach(this::check);
    if (template.get() != args.size()) {
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          span,
          "template " + name + " takes " + template.get() + " arguments, got " + args.size());
      return true;
    }
    WithExpr.Definition d = lookup(name).definition();
    if (d != null) {
      for (int i = 0; i < args.size(); i++) {
        parameterShape(d, d.params().get(i), args.get(i));
      }
    }
    return true;
  }

  /**
   * What VictoriaMetrics refuses when it puts {@code arg} in the place of {@code param}: a series
   * selector where the parameter carries filters ({@code x{a="b"}}), a bare name where it stands in
   * a label list ({@code by (x)}).
   */
  private void parameterShape(WithExpr.Definition d, String param, Expr arg) {
    boolean filtered = false;
    boolean listed = false;
    boolean referenced = false; // {x}
    for (Expr e : Exprs.preorder(d.value())) {
      if (e instanceof VectorSelector v
          && param.equals(v.name())
          && (v.matcherGroups().size() != 1 || !v.matcherGroups().get(0).isEmpty())) {
        filtered = true;
      }
      if (e instanceof VectorSelector v) {
        for (List<LabelMatcher> group : v.matcherGroups()) {
          for (LabelMatcher m : group) {
            referenced |= m.isTemplateReference() && m.name().equals(param);
          }
        }
      }
      if (e instanceof AggregateExpr a && a.grouping() != null) {
        listed |= a.grouping().labels().contains(param);
      }
      if (e instanceof BinaryExpr b && b.matching() != null) {
        listed |= b.matching().labels().contains(param) || b.matching().include().contains(param);
      }
    }
    // As VictoriaMetrics 1.79 expands them: filters go on a selector, also with a window, an offset
    // or @, or under a subquery (m[10m] offset 3s), never on "(m)" or a function; a label list
    // takes a name, a name in parentheses or a list of names ((a, b), ()).
    if ((filtered || referenced)
        && arg instanceof VectorSelector v
        && v.matcherGroups().size() > 1) {
      orFiltersInBraces(arg.span(), Printer.canonical(arg));
    } else if (filtered && !isFilterable(arg)) {
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          arg.span(),
          "template "
              + d.name()
              + " puts filters on "
              + param
              + " ("
              + param
              + "{…}): pass a series selector such as m, m[5m] or {a=\"b\"}, not "
              + Printer.canonical(arg));
    } else if (listed && !isLabelList(arg)) {
      diagnostics.error(
          DiagnosticCode.WITH_TEMPLATE,
          arg.span(),
          "template "
              + d.name()
              + " lists "
              + param
              + " as a label name (by, on, …): pass a label name or a list of them such as (a, b),"
              + " not "
              + Printer.canonical(arg));
    }
  }

  /** A selector VictoriaMetrics can add filters to: bare, ranged, or under a subquery. */
  private static boolean isFilterable(Expr arg) {
    Expr e = arg instanceof MatrixSelector m ? m.selector() : arg;
    e = e instanceof SubqueryExpr s ? s.expr() : e;
    return e instanceof VectorSelector v && v.matcherGroups().size() == 1;
  }

  /** A label name, one in parentheses, or a list of them ({@code (a, b)}, {@code ()}). */
  private static boolean isLabelList(Expr arg) {
    if (arg instanceof ParenExpr p) {
      return isLabelName(p.expr());
    }
    if (arg instanceof Call c && c.name().equals("union") && !c.keepMetricNames()) {
      return c.args().stream().allMatch(TypeChecker::isLabelName);
    }
    return isLabelName(arg);
  }

  private static boolean isLabelName(Expr e) {
    return e instanceof VectorSelector v
        && v.name() != null
        && v.offset() == null
        && v.at() == null
        && v.matcherGroups().size() == 1
        && v.matcherGroups().get(0).isEmpty();
  }

  private ValueType aggregate(AggregateExpr a) {
    if (templateCall(a.op(), a.args(), a.span())) {
      return null;
    }
    FunctionSignature found = catalog.find(a.op(), dialect);
    if (found == null) {
      a.args().forEach(this::check);
      unknownFunction(a.op(), a.span());
      return null;
    }
    ValueType type = applySignature(found, a.op(), a.args(), a.span(), "aggregation");
    if (!strict()) {
      metricsqlCallShape(a.op(), a.args(), a.span());
    } else if (a.op().equals("count_values") && a.args().size() == 2) {
      labelName(a.args().get(0), "count_values' label name", "invalid label name");
    }
    return type;
  }

  /**
   * What VictoriaMetrics checks of a call's shape before it reads any data: label names in pairs,
   * and arguments that 1.79 does not take yet (a warning: newer versions do).
   */
  private void metricsqlCallShape(String name, List<Expr> args, Span span) {
    int strings = args.size() - 1;
    switch (name) {
      case "label_set", "label_copy", "label_move" -> {
        if (strings % 2 != 0) {
          diagnostics.error(
              DiagnosticCode.ARITY,
              span,
              name + " takes label names in pairs after its first argument, got " + strings);
        }
      }
      case "label_map" -> {
        if (strings > 0 && strings % 2 != 1) {
          diagnostics.error(
              DiagnosticCode.ARITY,
              span,
              "label_map takes a label name, then values in pairs (from, to), got "
                  + (strings - 1)
                  + " values");
        }
      }
      case "rollup",
          "rollup_candlestick",
          "rollup_delta",
          "rollup_deriv",
          "rollup_increase",
          "rollup_rate",
          "rollup_scrape_interval" -> {
        if (args.size() == 2) {
          newerArgument(span, name + "'s second argument");
        }
      }
      case "aggr_over_time" -> {
        for (Expr arg : args.subList(0, Math.max(0, args.size() - 1))) {
          Expr names = Exprs.unwrap(arg);
          for (Expr n :
              names instanceof Call u && u.name().equals("union") ? u.args() : List.of(names)) {
            if (Exprs.unwrap(n) instanceof StringLiteral lit && !isRollupFunction(lit.value())) {
              diagnostics.error(
                  DiagnosticCode.UNKNOWN_FUNCTION,
                  lit.span(),
                  "aggr_over_time takes names of rollup functions (min_over_time, rate…), got \""
                      + lit.value()
                      + "\"");
            }
          }
        }
      }
      case "timezone_offset" -> {
        if (args.size() == 1
            && Exprs.unwrap(args.get(0)) instanceof StringLiteral zone
            && !isTimeZone(zone.value())) {
          diagnostics.error(
              DiagnosticCode.TYPE,
              zone.span(),
              "unknown time zone \""
                  + zone.value()
                  + "\"; expected an IANA name such as Europe/Berlin");
        }
      }
      case "topk", "bottomk" -> {
        if (args.size() == 3) {
          newerArgument(span, name + "'s third argument");
        }
      }
      default -> {}
    }
  }

  /** A name Go's time.LoadLocation knows: the IANA database (Java ships the same), UTC, Local. */
  private static boolean isTimeZone(String name) {
    return name.equals("UTC") || name.equals("Local") || ZoneIds.ALL.contains(name);
  }

  /** The JDK's zone ids, read once (each call of getAvailableZoneIds copies the set). */
  private static final class ZoneIds {
    static final java.util.Set<String> ALL = java.time.ZoneId.getAvailableZoneIds();
  }

  /** A MetricsQL function over a range (rate, min_over_time…), by the name as written. */
  private boolean isRollupFunction(String name) {
    return catalog
        .lookup(name, dialect)
        .filter(f -> !f.isAggregation() && f.minArgs() >= 1)
        .filter(f -> f.argType(0, f.minArgs()) == ArgType.RANGE)
        .isPresent();
  }

  private void newerArgument(Span span, String what) {
    diagnostics.warning(
        DiagnosticCode.NEWER_SYNTAX,
        span,
        what + " needs a VictoriaMetrics newer than 1.79, which refuses the query");
  }

  private ValueType applySignature(
      FunctionSignature sig, String name, List<Expr> args, Span span, String what) {
    if (sig.experimental() && dialect == Dialect.PROMQL) {
      diagnostics.warning(
          DiagnosticCode.EXPERIMENTAL,
          span,
          what
              + " \""
              + name
              + (sig.stableSince() == null
                  ? "\" is experimental: Prometheus needs"
                  : "\" is experimental before Prometheus "
                      + sig.stableSince()
                      + ": older versions need")
              + " --enable-feature=promql-experimental-functions");
    }
    ValueType[] actual = new ValueType[args.size()];
    for (int i = 0; i < args.size(); i++) {
      actual[i] = check(args.get(i));
    }
    if (args.size() < sig.minArgs() || args.size() > sig.maxArgs()) {
      diagnostics.error(
          DiagnosticCode.ARITY,
          span,
          what + " \"" + name + "\" expects " + arity(sig) + ", got " + args.size());
      return sig.returnType();
    }
    for (int i = 0; i < args.size(); i++) {
      ArgType expected = sig.argType(i, args.size());
      if (!accepts(expected, actual[i], args.get(i))) {
        String context =
            sig.isAggregation() && i == args.size() - 1
                ? "in aggregation expression"
                : "in call to " + what + " \"" + name + "\"";
        typeError(
            args.get(i).span(),
            "expected type "
                + expected.description()
                + " "
                + context
                + ", got "
                + actual[i].description());
      }
    }
    return sig.returnType();
  }

  private boolean accepts(ArgType expected, ValueType actual, Expr arg) {
    if (actual == null || expected == ArgType.ANY) {
      return true;
    }
    if (strict()) {
      return expected.valueType() == actual;
    }
    // MetricsQL: where a string belongs VictoriaMetrics takes only a string (or what a WITH
    // template makes one); elsewhere it turns strings into NaN, so only those places are checked.
    return expected != ArgType.STRING || !certainlyNotString(Exprs.unwrap(arg));
  }

  private static boolean isStartOrEnd(String name) {
    return lower(name).equals("start") || lower(name).equals("end");
  }

  private boolean certainlyNotString(Expr e) {
    if (e instanceof SubqueryExpr q && Exprs.unwrap(q.expr()) instanceof StringLiteral) {
      return false; // VictoriaMetrics reads "a"[5m] as the string
    }
    if (e instanceof VectorSelector v) {
      return !isTemplate(v) || v.matcherGroups().stream().anyMatch(g -> !g.isEmpty());
    }
    return e instanceof NumberLiteral
        || e instanceof MatrixSelector
        || e instanceof SubqueryExpr
        || e instanceof AggregateExpr
        || (e instanceof Call c && !c.name().equals("union") && templateParams(c.name()).isEmpty());
  }

  /**
   * Whether a string expression is one VictoriaMetrics joins with a following '+': a string, a
   * join, or a WITH template; not "a" offset 1m, nor -"a" (which it reads as 0 - "a").
   */
  private static boolean joinable(Expr e) {
    Expr x = Exprs.unwrap(e);
    while (x instanceof UnaryExpr u && !u.negative()) {
      x = Exprs.unwrap(u.expr()); // a '+' sign is dropped
    }
    return x instanceof StringLiteral
        || x instanceof VectorSelector
        || (x instanceof BinaryExpr b && b.op() == BinaryOp.ADD && joinable(b.lhs()));
  }

  private static String arity(FunctionSignature sig) {
    if (sig.maxArgs() == Integer.MAX_VALUE) {
      return "at least " + plural(sig.minArgs());
    }
    if (sig.minArgs() == sig.maxArgs()) {
      return plural(sig.minArgs());
    }
    return sig.minArgs() + " to " + plural(sig.maxArgs());
  }

  private static String plural(int n) {
    return n + (n == 1 ? " argument" : " arguments");
  }

  private void unknownFunction(String name, Span span) {
    String lower = lower(name);
    if (dialect == Dialect.PROMQL
        && catalog.lookup(lower, Dialect.METRICSQL).isPresent()
        && catalog.lookup(lower, Dialect.PROMQL).isEmpty()) {
      diagnostics.error(
          DiagnosticCode.METRICSQL_ONLY,
          span,
          "function \"" + name + "\" is MetricsQL, not PromQL");
      return;
    }
    Optional<String> closest =
        catalog.lookup(lower, dialect).isPresent()
            ? Optional.of(lower)
            : catalog.closest(name, dialect);
    String suggestion = closest.map(s -> "; did you mean \"" + s + "\"?").orElse("");
    diagnostics.error(
        DiagnosticCode.UNKNOWN_FUNCTION, span, "unknown function \"" + name + "\"" + suggestion);
  }

  /** See {@link NameReprint}: VictoriaMetrics panics where it reads a name back as a keyword. */
  private void crashesOnReprint(NameReprint.Culprit name, String readAs) {
    if (name == null) {
      return;
    }
    String value = name.name();
    String why =
        !name.filter()
            ? "it reads " + value + " as " + readAs
            : value.isEmpty()
                ? "it writes {__name__=\"\"} back as nothing, which leaves a gap it cannot read"
                : "it writes {__name__=\""
                    + value
                    + "\"} back as "
                    + value
                    + ", which it then reads as "
                    + readAs;
    diagnostics.error(
        DiagnosticCode.SYNTAX,
        name.span(),
        "VictoriaMetrics crashes on this (1.79 panics, and vmselect with it): "
            + why
            + "; write {__name__=~\""
            + value
            + "\"}");
  }

  /** What a WITH template without parameters stands for, else {@code e} itself. */
  private Expr expandTemplate(Expr e) {
    Scope scope = templates;
    for (int depth = 0; depth < 16; depth++) {
      if (!(e instanceof VectorSelector v)
          || v.name() == null
          || v.offset() != null
          || v.at() != null
          || v.matcherGroups().size() != 1
          || !v.matcherGroups().get(0).isEmpty()) {
        break;
      }
      Template t = lookup(scope, v.name());
      if (t == null || t.definition() == null || t.params() != 0) {
        break;
      }
      e = t.definition().value();
      scope = t.lexical;
    }
    return e;
  }

  // ---- MetricsQL WITH templates ----

  /**
   * A name in a WITH scope: a definition (checked when first used: VictoriaMetrics expands only
   * what the body uses, so an unused definition is never an error beyond its syntax), or a
   * parameter of the definition being checked (definition null).
   */
  private static final class Template {
    private final WithExpr.Definition definition;
    private final Scope lexical; // what the definition's value sees: the definitions before it
    private boolean checked;

    Template(WithExpr.Definition definition, Scope lexical) {
      this.definition = definition;
      this.lexical = lexical;
    }

    WithExpr.Definition definition() {
      return definition;
    }

    int params() {
      return definition == null ? 0 : definition.params().size();
    }
  }

  /** One name bound on top of its parent scope: each definition sees only those before it. */
  private record Scope(String name, Template template, Scope parent) {}

  private ValueType with(WithExpr w) {
    Scope saved = templates;
    try {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (WithExpr.Definition d : w.definitions()) {
        if (!names.add(d.name())) {
          diagnostics.error(
              DiagnosticCode.WITH_TEMPLATE,
              d.span(),
              "duplicate WITH template name \"" + d.name() + "\"");
        }
        if (new java.util.HashSet<>(d.params()).size() != d.params().size()) {
          diagnostics.error(
              DiagnosticCode.WITH_TEMPLATE,
              d.span(),
              "duplicate parameter names in WITH template \"" + d.name() + "\"");
        }
        templates = new Scope(d.name(), new Template(d, templates), templates);
      }
      return check(w.body());
    } finally {
      templates = saved;
    }
  }

  private Template lookup(String name) {
    return lookup(templates, name);
  }

  private static Template lookup(Scope scope, String name) {
    for (Scope s = scope; s != null; s = s.parent()) {
      if (s.name().equals(name)) {
        return s.template();
      }
    }
    return null;
  }

  /** The parameter count of the template {@code name}, checking its definition on first use. */
  private Optional<Integer> templateParams(String name) {
    Template t = lookup(name);
    if (t == null) {
      return Optional.empty();
    }
    if (t.definition() != null && !t.checked) {
      t.checked = true;
      Scope saved = templates;
      try {
        Scope scope = t.lexical;
        for (String param : t.definition().params()) {
          scope = new Scope(param, new Template(null, null), scope);
        }
        templates = scope;
        check(t.definition().value());
      } finally {
        templates = saved;
      }
    }
    return Optional.of(t.params());
  }

  private boolean strict() {
    return dialect == Dialect.PROMQL;
  }

  private void typeError(Span span, String message) {
    diagnostics.error(DiagnosticCode.TYPE, span, message);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
