package io.vmrules.rules.lint;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.Grouping;
import java.util.List;
import java.util.Locale;

/**
 * {@code histogram_quantile} over buckets aggregated away from their {@code le} label computes
 * nothing useful (PromQL returns no result). MetricsQL's {@code vmrange} buckets count as well.
 */
final class HistogramQuantileLint implements Lint {
  @Override
  public void check(RuleContext rule) {
    rule.nodes()
        .forEach(
            e -> {
              if (e instanceof Call c
                  && c.name().toLowerCase(Locale.ROOT).equals("histogram_quantile")
                  && c.args().size() >= 2) {
                Expr buckets = Exprs.unwrap(c.args().get(1));
                if (buckets instanceof AggregateExpr a
                    && dropsBucketLabel(a.grouping(), rule.dialect())) {
                  rule.warn(
                      a.span(),
                      LintCodes.HISTOGRAM_WITHOUT_LE,
                      "histogram_quantile() over buckets aggregated without \"le\": add le to the by (…) list"
                          + " (or remove it from without (…))");
                }
              }
            });
  }

  private static boolean dropsBucketLabel(Grouping g, Dialect dialect) {
    if (g == null) {
      return true;
    }
    List<String> labels = g.labels();
    boolean bucket =
        labels.contains("le") || (dialect == Dialect.METRICSQL && labels.contains("vmrange"));
    return g.without() ? labels.contains("le") : !bucket;
  }
}
