package io.vmrules.rules.lint;

import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.rules.model.AlertingRuleSpec;
import java.util.Locale;
import java.util.Set;

/**
 * An alert whose expression has no comparison or filter fires for every series it returns. Alerts
 * on constants ({@code vector(1)}, a watchdog) are deliberate and not reported, nor are those that
 * filter a state label ({@code kube_pod_status_phase{phase="Failed"}}).
 */
final class AlertConditionLint implements Lint {
  private static final Set<BinaryOp> FILTERS =
      Set.of(BinaryOp.AND, BinaryOp.UNLESS, BinaryOp.IF, BinaryOp.IFNOT);
  private static final Set<String> FILTER_FUNCTIONS = Set.of("absent", "absent_over_time");

  /** Labels that name where a series comes from, not a state: filters on them select targets. */
  private static final Set<String> TARGET_LABELS =
      Set.of(
          "__name__",
          "job",
          "instance",
          "namespace",
          "cluster",
          "pod",
          "container",
          "service",
          "node",
          "env",
          "environment",
          "region",
          "zone");

  /**
   * A filter on a state label ({@code phase="Failed"}, {@code operstate="down"}) is the condition
   * of an info-style alert: the series exists only while the state holds.
   */
  private static boolean filtersState(VectorSelector v) {
    for (java.util.List<io.vmrules.promql.ast.LabelMatcher> group : v.matcherGroups()) {
      for (io.vmrules.promql.ast.LabelMatcher m : group) {
        if (!m.expression() && !TARGET_LABELS.contains(m.name())) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void check(RuleContext rule) {
    if (!(rule.rule().spec() instanceof AlertingRuleSpec)) {
      return;
    }
    boolean[] selector = {false};
    boolean[] condition = {false};
    rule.nodes()
        .forEach(
            e -> {
              if (e instanceof VectorSelector v) {
                selector[0] = true;
                condition[0] |= filtersState(v);
              } else if (e instanceof MatrixSelector) {
                selector[0] = true;
              } else if (e instanceof BinaryExpr b) {
                if ((b.op().isComparison() && !b.returnBool()) || FILTERS.contains(b.op())) {
                  condition[0] = true;
                }
              } else if (e instanceof Call c
                  && FILTER_FUNCTIONS.contains(c.name().toLowerCase(Locale.ROOT))) {
                condition[0] = true;
              }
            });
    if (selector[0] && !condition[0]) {
      rule.warn(
          rule.expr().span(),
          LintCodes.ALERT_NO_CONDITION,
          "alert expression has no comparison or filter, so it fires for every series it returns;"
              + " add a threshold such as \"> 0\"");
    }
  }
}
