package io.vmrules.rules.lint;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.Span;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.model.SourcePosition;
import java.time.Duration;
import java.util.List;

/**
 * One rule as a lint sees it: its group, the interval it runs at (null when the group sets none and
 * the default is not known), its compiled expression, and a sink for findings that places them in
 * the rule file.
 */
public record RuleContext(
    Dialect dialect,
    GroupSpec group,
    Duration interval,
    LoadedRule rule,
    Expr expr,
    List<Expr> nodes,
    List<Finding> out) {

  /**
   * {@code expr} and every expression below it ({@link Exprs#preorder}), walked once for all lints;
   * empty when the expression has errors.
   */
  public RuleContext(
      Dialect dialect,
      GroupSpec group,
      Duration interval,
      LoadedRule rule,
      Expr expr,
      List<Finding> out) {
    this(
        dialect, group, interval, rule, expr, expr == null ? List.of() : Exprs.preorder(expr), out);
  }

  public String name() {
    return rule.spec().name();
  }

  /** A warning at a place inside the expression. */
  public void warn(Span span, String code, String message) {
    add(rule.expr().at(span.start()), Level.WARNING, code, message);
  }

  /** A warning at the rule itself. */
  public void warnRule(String code, String message) {
    add(rule.spec().position(), Level.WARNING, code, message);
  }

  public void add(SourcePosition at, Level level, String code, String message) {
    out.add(Finding.at(at, level, code, group.name(), name(), message));
  }
}
