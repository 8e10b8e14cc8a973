package io.vmrules.rules.online;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.Span;
import io.vmrules.promql.Suggestions;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.MatchOp;
import io.vmrules.promql.ast.ParenExpr;
import io.vmrules.promql.ast.VectorMatching;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.promql.ast.WithExpr;
import io.vmrules.promql.print.Printer;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.model.TextPositions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The online checks of one rule, against the answers its run shares. */
final class RuleCheck {
  private static final Pattern LABEL_REF = Pattern.compile("\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> PRODUCED = Set.of("ALERTS", "ALERTS_FOR_STATE");
  private static final Set<String> ALWAYS_LABELS = Set.of("alertname", "alertgroup", "__name__");
  private static final Set<BinaryOp> NO_MATCH_IS_FINE =
      Set.of(BinaryOp.OR, BinaryOp.DEFAULT, BinaryOp.UNLESS, BinaryOp.IFNOT);
  private static final int VALUES_SHOWN = 5;
  private static final int ALL_NAMES = 50_000;

  private final OnlineChecks.Run run;
  private final GroupSpec group;
  private final LoadedRule rule;
  private final Dialect dialect;
  private final Map<String, List<String>> params;
  private final Map<String, String> headers;
  private final List<Finding> out = new ArrayList<>();
  private RuleStats stats;

  /** The findings of a rule, and the figures of its query (null when it was not asked). */
  record Outcome(List<Finding> findings, RuleStats stats) {}

  RuleCheck(OnlineChecks.Run run, GroupSpec group, LoadedRule rule) {
    this.run = run;
    this.group = group;
    this.rule = rule;
    this.dialect = run.dialect();
    this.params = group.params();
    this.headers = group.headers();
  }

  Outcome check() {
    findings();
    return new Outcome(out, stats);
  }

  private List<Finding> findings() {
    String text = rule.spec().expr();
    ParseResult parsed = PromQL.parse(text, dialect);
    if (parsed.expr() == null || parsed.hasErrors()) {
      return out; // the offline checks report it
    }
    Expr root = parsed.expr();
    boolean[] templated = {false};
    Exprs.walk(root, e -> templated[0] |= e instanceof WithExpr);
    boolean missing = false;
    if (!templated[0]) {
      // WITH templates' selectors are known only where they are called: the whole query is still
      // asked below.
      Map<String, VectorSelector> selectors = new LinkedHashMap<>();
      Exprs.walk(
          root,
          e -> {
            if (e instanceof VectorSelector v && ExprParts.plain(v)) {
              selectors.putIfAbsent(ExprParts.selector(v, dialect), v);
            }
          });
      // Selectors under absent(): missing series make the rule always true, said so.
      Set<String> underAbsent = new java.util.HashSet<>();
      Exprs.walk(
          root,
          e -> {
            if (e instanceof Call c
                && c.name().toLowerCase(java.util.Locale.ROOT).startsWith("absent")) {
              Exprs.walk(
                  c,
                  x -> {
                    if (x instanceof VectorSelector v && ExprParts.plain(v)) {
                      underAbsent.add(ExprParts.selector(v, dialect));
                    }
                  });
            }
          });
      for (Map.Entry<String, VectorSelector> v : selectors.entrySet()) {
        boolean absent = underAbsent.contains(v.getKey());
        missing |= refused(() -> checkSelector(v.getValue(), absent), false);
      }
      if (!missing) {
        Exprs.walk(
            root,
            e -> {
              if (e instanceof BinaryExpr b) {
                refused(() -> checkMatching(text, b), null);
              }
            });
      }
    }
    checkResult(text);
    return out;
  }

  /** Runs a step; a question the datasource refused skips it ({@code fallback}). */
  private <T> T refused(java.util.function.Supplier<T> step, T fallback) {
    try {
      return step.get();
    } catch (OnlineException e) {
      if (e.kind() == OnlineException.Kind.UNREACHABLE) {
        throw e;
      }
      return fallback;
    }
  }

  // ---- online.series-missing

  /** Whether the selector matches no series in the lookback (reported with the reason). */
  private boolean checkSelector(VectorSelector v, boolean underAbsent) {
    int before = out.size();
    boolean missing = checkSelector(v);
    if (underAbsent && out.size() > before) {
      Finding f = out.remove(out.size() - 1);
      out.add(
          new Finding(
              f.file(),
              f.line(),
              f.column(),
              f.severity(),
              f.code(),
              f.group(),
              f.rule(),
              f.message() + "; so absent() is always 1 and the rule always fires"));
    }
    return missing;
  }

  private boolean checkSelector(VectorSelector v) {
    String selector = ExprParts.selector(v, dialect);
    if (!names(selector, 1).isEmpty()) {
      return false;
    }
    String lookback = Printer.millis(run.options().lookback().toMillis());
    String head = "no series matches " + selector + " in the last " + lookback + ": ";
    String name = Exprs.metricName(v);
    if (v.matcherGroups().size() > 1) {
      report(
          OnlineCodes.SERIES_MISSING, v.span().start(), head + "none of its 'or' filters matches");
      return true;
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    for (LabelMatcher m : v.matchers()) {
      if (!(name != null
          && v.name() == null
          && m.name().equals("__name__")
          && m.op() == MatchOp.EQ)) {
        matchers.add(m);
      }
    }
    if (name != null && names(ExprParts.selector(name, List.of(), dialect), 1).isEmpty()) {
      if (run.recorded.contains(name) || PRODUCED.contains(name)) {
        return true; // written by a rule of these files (or the engine): maybe not yet deployed
      }
      report(
          OnlineCodes.SERIES_MISSING,
          v.span().start(),
          head + "the datasource has no metric named " + name + didYouMeanName(name));
      return true;
    }
    String base = name != null ? name : "the series";
    for (LabelMatcher m : matchers) {
      if (emptyAlone(name, List.of(m))) {
        report(OnlineCodes.SERIES_MISSING, m.span().start(), head + removesAll(name, m, base));
        return true;
      }
    }
    List<LabelMatcher> so = new ArrayList<>();
    for (LabelMatcher m : matchers) {
      so.add(m);
      if (so.size() > 1 && emptyAlone(name, so)) {
        report(
            OnlineCodes.SERIES_MISSING,
            m.span().start(),
            head
                + "each filter matches series of "
                + base
                + " alone, but none has "
                + matcherText(m)
                + " together with "
                + joinMatchers(so.subList(0, so.size() - 1)));
        return true;
      }
    }
    report(OnlineCodes.SERIES_MISSING, v.span().start(), head + "its filters remove every series");
    return true;
  }

  /** Whether {@code name{matchers}} matches nothing; false when it cannot be asked on its own. */
  private boolean emptyAlone(String name, List<LabelMatcher> matchers) {
    if (name == null && matchers.stream().allMatch(RuleCheck::matchesEmpty)) {
      return false; // not a valid selector on its own
    }
    return refused(() -> names(ExprParts.selector(name, matchers, dialect), 1).isEmpty(), false);
  }

  private static boolean matchesEmpty(LabelMatcher m) {
    return switch (m.op()) {
      case EQ -> m.value().isEmpty();
      case NE -> !m.value().isEmpty();
      case RE -> com.google.re2j.Pattern.matches(m.value(), "");
      case NRE -> !com.google.re2j.Pattern.matches(m.value(), "");
    };
  }

  private String removesAll(String name, LabelMatcher m, String base) {
    if (name == null) {
      return "no series at all has " + matcherText(m);
    }
    Answer values =
        refused(
            () ->
                run.api.ask(
                    run.labelValues(
                        m.name(),
                        ExprParts.selector(name, List.of(), dialect),
                        params,
                        headers,
                        VALUES_SHOWN + 1)),
            null);
    if (values == null) {
      return base + " has series, but none with " + matcherText(m);
    }
    if (values.isEmpty()) {
      return base + " has series, but none has the label " + m.name();
    }
    StringBuilder b =
        new StringBuilder(base)
            .append(" has series, but none with ")
            .append(matcherText(m))
            .append("; ")
            .append(m.name())
            .append(" has ");
    List<String> shown = values.values().subList(0, Math.min(VALUES_SHOWN, values.values().size()));
    for (int i = 0; i < shown.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(Printer.quote(shown.get(i)));
    }
    if (values.total() > shown.size()) {
      b.append(", … (").append(values.total()).append(" values)");
    }
    if (m.op() == MatchOp.EQ && values.complete()) {
      Optional<String> close = Suggestions.closest(m.value(), values.values());
      close.ifPresent(c -> b.append(" (did you mean ").append(Printer.quote(c)).append("?)"));
    }
    return b.toString();
  }

  private String didYouMeanName(String name) {
    Answer all =
        refused(
            () -> run.api.ask(run.labelValues("__name__", null, params, headers, ALL_NAMES)), null);
    if (all == null) {
      return "";
    }
    return Suggestions.closest(name, all.values())
        .map(c -> " (did you mean " + c + "?)")
        .orElse("");
  }

  private Answer names(String selector, int keep) {
    return run.api.ask(run.labelValues("__name__", selector, params, headers, keep));
  }

  private static String matcherText(LabelMatcher m) {
    return m.name() + m.op().symbol() + Printer.quote(m.value());
  }

  private static String joinMatchers(List<LabelMatcher> ms) {
    List<String> parts = new ArrayList<>();
    for (LabelMatcher m : ms) {
      parts.add(matcherText(m));
    }
    return String.join(", ", parts);
  }

  // ---- online.vector-matching

  private Void checkMatching(String text, BinaryExpr b) {
    if (NO_MATCH_IS_FINE.contains(b.op())
        || ExprParts.isScalar(b.lhs())
        || ExprParts.isScalar(b.rhs())) {
      return null;
    }
    Expr lhs = ExprParts.shape(b.lhs());
    Expr rhs = ExprParts.shape(b.rhs());
    String left = Printer.canonical(lhs, dialect);
    String right = Printer.canonical(rhs, dialect);
    // The engine's own verdict: the operation itself, comparisons with bool so that values do not
    // filter, counted. (An error, e.g. many-to-many matching, is not this check's finding.)
    BinaryExpr pairs =
        new BinaryExpr(
            b.op(),
            new ParenExpr(lhs, Span.NONE),
            new ParenExpr(rhs, Span.NONE),
            b.returnBool() || b.op().isComparison(),
            b.matching(),
            false,
            b.fill(),
            Span.NONE);
    String operation = Printer.canonical(pairs, dialect);
    if (!instant("count(" + operation + ")", 1).isEmpty()) {
      return null;
    }
    String signature = ExprParts.signature(b.matching());
    int sample = run.options().sample();
    Answer l = instant("count " + signature + " (" + left + ")", sample);
    Answer r = instant("count " + signature + " (" + right + ")", sample);
    if (l.isEmpty() || r.isEmpty()) {
      return null; // a side has no series now: nothing to match yet
    }
    // No pair now: did any pair match at any evaluation over the lookback? (Only asked when the
    // answer so far is "never", so a gap in the data does not make a finding.)
    String window =
        Printer.millis(run.options().lookback().toMillis())
            + ":"
            + Printer.millis(interval().toMillis());
    if (!instant("count(last_over_time((" + operation + ")[" + window + "]))", 1).isEmpty()) {
      return null;
    }
    report(
        OnlineCodes.VECTOR_MATCHING,
        ExprParts.operatorOffset(text, b),
        explainMatching(b, left, right, l, r));
    return null;
  }

  private static String joined(String left, String matching, String right) {
    return "count(("
        + left
        + ") and "
        + (matching.isEmpty() ? "" : matching + " ")
        + "("
        + right
        + "))";
  }

  private String explainMatching(BinaryExpr b, String left, String right, Answer l, Answer r) {
    VectorMatching vm = b.matching();
    boolean on = vm != null && vm.hasLabels() && vm.on();
    String op = "\"" + b.op().symbol() + "\"";
    StringBuilder m =
        new StringBuilder("both sides of ").append(op).append(" have series, but no pair matches ");
    if (on) {
      m.append("on(").append(String.join(", ", vm.labels())).append(")");
    } else if (vm != null && vm.hasLabels() && !vm.labels().isEmpty()) {
      m.append("on all their labels but __name__, ").append(String.join(", ", vm.labels()));
    } else {
      m.append("on all their labels but __name__");
    }
    Map<String, Set<String>> lv = values(l.series());
    Map<String, Set<String>> rv = values(r.series());
    Set<String> onlyLeft = new TreeSet<>(lv.keySet());
    onlyLeft.removeAll(rv.keySet());
    Set<String> onlyRight = new TreeSet<>(rv.keySet());
    onlyRight.removeAll(lv.keySet());
    List<String> why = new ArrayList<>();
    if (on) {
      for (String label : vm.labels()) {
        if (!lv.containsKey(label)) {
          why.add("the left side has no " + label);
        }
        if (!rv.containsKey(label)) {
          why.add("the right side has no " + label);
        }
      }
    } else {
      if (!onlyLeft.isEmpty()) {
        why.add("only the left side has " + String.join(", ", onlyLeft));
      }
      if (!onlyRight.isEmpty()) {
        why.add("only the right side has " + String.join(", ", onlyRight));
      }
    }
    for (Map.Entry<String, Set<String>> e : lv.entrySet()) {
      Set<String> other = rv.get(e.getKey());
      if (other != null && (!on || vm.labels().contains(e.getKey()))) {
        Set<String> common = new TreeSet<>(e.getValue());
        common.retainAll(other);
        if (common.isEmpty() && l.complete() && r.complete()) {
          why.add(
              e.getKey()
                  + " differs (left "
                  + Printer.quote(e.getValue().iterator().next())
                  + ", right "
                  + Printer.quote(other.iterator().next())
                  + ")");
        }
      }
    }
    if (!why.isEmpty()) {
      m.append(": ").append(String.join("; ", why));
    }
    m.append("; e.g. left ")
        .append(labelsText(l.series().get(0)))
        .append(", right ")
        .append(labelsText(r.series().get(0)));
    if (!on && (!onlyLeft.isEmpty() || !onlyRight.isEmpty())) {
      Set<String> ignore = new TreeSet<>(onlyLeft);
      ignore.addAll(onlyRight);
      if (vm != null && vm.hasLabels()) {
        ignore.addAll(vm.labels());
      }
      String fix = "ignoring(" + String.join(", ", ignore) + ")";
      Boolean works = refused(() -> !instant(joined(left, fix, right), 1).isEmpty(), false);
      if (works) {
        m.append("; ").append(fix).append(" would match them");
      }
    }
    return m.toString();
  }

  private static Map<String, Set<String>> values(List<Map<String, String>> series) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map<String, String> s : series) {
      s.forEach(
          (k, v) -> {
            if (!k.equals("__name__")) {
              out.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
            }
          });
    }
    return out;
  }

  private static String labelsText(Map<String, String> labels) {
    StringBuilder b = new StringBuilder("{");
    labels.forEach(
        (k, v) -> {
          if (!k.equals("__name__")) {
            b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(Printer.quote(v));
          }
        });
    return b.append('}').toString();
  }

  private Answer instant(String query, int keep) {
    return run.api.ask(run.instant(query, params, headers, keep, false));
  }

  // ---- online.query-cost, online.alerts-count, online.template-label

  /** The group's evaluation interval ({@code interval: 0} and none mean the default). */
  private Duration interval() {
    Duration interval = group.interval();
    return interval == null || interval.isZero() ? run.defaultInterval() : interval;
  }

  private void checkResult(String text) {
    boolean alerting = rule.spec() instanceof AlertingRuleSpec;
    Duration interval = interval();
    Answer a;
    try {
      // An alerting rule's range query at the group's interval gives both its alerts now (series
      // with a sample at the last step) and the distinct alerts over the lookback.
      a =
          run.api.ask(
              alerting
                  ? run.range(text, interval, params, headers, run.options().sample())
                  : run.instant(text, params, headers, 0, true));
    } catch (OnlineException e) {
      if (e.kind() == OnlineException.Kind.UNREACHABLE) {
        throw e;
      }
      report(OnlineCodes.QUERY_COST, 0, "the datasource refused the query: " + e.getMessage());
      return;
    }
    stats =
        new RuleStats(
            rule.spec().position().file(),
            group.name(),
            rule.spec().name(),
            alerting ? a.current() : -1,
            alerting ? a.total() : -1,
            a.seriesFetched(),
            a.took());
    long maxSeries = run.options().maxSeries();
    if (a.seriesFetched() > maxSeries) {
      report(
          OnlineCodes.QUERY_COST,
          0,
          "one evaluation reads "
              + a.seriesFetched()
              + " series, more than --online.maxSeries="
              + maxSeries
              + (alerting ? " (the range query over the lookback" : " (the query")
              + " took "
              + a.took().toMillis()
              + " ms); narrow the selectors or pre-aggregate with a recording rule");
    }
    if (!(rule.spec() instanceof AlertingRuleSpec alert)) {
      return;
    }
    long now = a.current();
    long distinct = a.total();
    long maxAlerts = run.options().maxAlerts();
    String lookback = Printer.millis(run.options().lookback().toMillis());
    String figures =
        now
            + " alerts now, "
            + distinct
            + " distinct over the last "
            + lookback
            + " (evaluated every "
            + Printer.millis(interval.toMillis())
            + ")";
    if (group.limit() > 0 && now > group.limit()) {
      report(
          OnlineCodes.ALERTS_COUNT,
          0,
          "the rule would produce "
              + figures
              + ": more than the group's limit "
              + group.limit()
              + ", so every evaluation would fail");
    } else if (now > maxAlerts || distinct > maxAlerts) {
      report(
          OnlineCodes.ALERTS_COUNT,
          0,
          "the rule would produce "
              + figures
              + ", more than --online.maxAlerts="
              + maxAlerts
              + "; aggregate (sum by …) or tighten the condition");
    }
    if (a.total() > 0 && a.complete()) {
      checkTemplates(alert, a.series());
    }
  }

  private void checkTemplates(AlertingRuleSpec alert, List<Map<String, String>> series) {
    Set<String> has = new TreeSet<>();
    for (Map<String, String> s : series) {
      has.addAll(s.keySet());
    }
    Set<String> added = new TreeSet<>(ALWAYS_LABELS);
    added.addAll(alert.labels().keySet());
    added.addAll(group.labels().keySet());
    templates("annotation", alert.annotations(), rule.annotations(), has, added);
    templates("label", alert.labels(), rule.labels(), has, added);
  }

  private void templates(
      String kind,
      Map<String, String> texts,
      Map<String, TextPositions> positions,
      Set<String> has,
      Set<String> added) {
    for (Map.Entry<String, String> t : texts.entrySet()) {
      Set<String> seen = new TreeSet<>();
      Matcher m = LABEL_REF.matcher(t.getValue());
      while (m.find()) {
        String label = m.group(1);
        if (has.contains(label) || added.contains(label) || !seen.add(label)) {
          continue;
        }
        TextPositions where = positions.get(t.getKey());
        SourcePosition p = where != null ? where.at(m.start()) : rule.spec().position();
        Set<String> shown = new TreeSet<>(has);
        shown.remove("__name__");
        add(
            p,
            OnlineCodes.TEMPLATE_LABEL,
            "the "
                + kind
                + " "
                + t.getKey()
                + " uses $labels."
                + label
                + ", but no series of the expression's result over the last "
                + Printer.millis(run.options().lookback().toMillis())
                + " has "
                + label
                + " (it renders empty); they have "
                + (shown.isEmpty() ? "no labels" : String.join(", ", shown)));
      }
    }
  }

  // ---- findings

  private void report(String code, int offset, String message) {
    add(rule.expr().at(Math.max(0, offset)), code, message);
  }

  private void add(SourcePosition p, String code, String message) {
    if (rule.disabled().contains(code) || run.disabled().contains(code)) {
      return;
    }
    out.add(Finding.at(p, Finding.Level.WARNING, code, group.name(), rule.spec().name(), message));
  }
}
