package io.vmrules.rules.lint;

import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.SubqueryExpr;
import io.vmrules.promql.ast.VectorSelector;
import java.util.Locale;
import java.util.Set;

/**
 * {@code rate}/{@code irate}/{@code increase} over a series that is not a counter by its name, and a
 * counter ({@code *_total}) used as a raw value: its level only says how long the process has run.
 */
final class CounterLint implements Lint {
  private static final Set<String> RATE = Set.of("rate", "irate", "increase");
  /** Functions and aggregations under which a raw counter is meaningful. */
  private static final Set<String> COUNTER_AWARE =
      Set.of("rate", "irate", "increase", "resets", "changes", "absent", "absent_over_time",
          "present_over_time", "count_over_time", "last_over_time", "timestamp", "tfirst_over_time",
          "tlast_over_time", "increase_pure", "increase_prometheus", "rate_prometheus",
          "increases_over_time", "running_sum", "range_last", "count", "group", "count_values",
          "lifetime", "lag", "tlast_change_over_time", "count_eq_over_time", "count_ne_over_time",
          "delta_prometheus", "label_replace", "label_join", "ts_of_last_over_time");
  private static final String[] COUNTER_SUFFIXES = {"_total", "_count", "_sum", "_bucket"};

  @Override
  public void check(RuleContext rule) {
    visit(rule.expr(), false, rule);
  }

  private void visit(Expr e, boolean counterAware, RuleContext rule) {
    if (e instanceof Call c) {
      String fn = c.name().toLowerCase(Locale.ROOT);
      if (RATE.contains(fn) && !c.args().isEmpty()) {
        String metric = rangedMetric(c.args().get(0));
        if (metric != null && !isCounterName(metric)) {
          rule.warn(c.span(), LintCodes.RATE_NON_COUNTER, fn + "() of \"" + metric
              + "\", which is not a counter by its name (counters end in _total, _count, _sum or _bucket)");
        }
      }
      counterAware = counterAware || COUNTER_AWARE.contains(fn);
    } else if (e instanceof AggregateExpr a) {
      counterAware = counterAware || COUNTER_AWARE.contains(a.op());
    } else if (e instanceof VectorSelector v && !counterAware) {
      String metric = Exprs.metricName(v);
      if (metric != null && metric.endsWith("_total")) {
        rule.warn(v.span(), LintCodes.COUNTER_WITHOUT_RATE, "counter \"" + metric
            + "\" is used without rate() or increase(): its raw value only grows");
      }
      return;
    } else if (e instanceof MatrixSelector || e instanceof SubqueryExpr) {
      counterAware = true; // a range is read by the function around it
    }
    for (Expr child : Exprs.children(e)) {
      visit(child, counterAware, rule);
    }
  }

  /** The metric a range function reads: {@code x[5m]}, or MetricsQL's bare {@code rate(x)}. */
  private static String rangedMetric(Expr arg) {
    Expr x = Exprs.unwrap(arg);
    if (x instanceof MatrixSelector m) {
      return Exprs.metricName(m.selector());
    }
    return x instanceof VectorSelector v ? Exprs.metricName(v) : null;
  }

  static boolean isCounterName(String metric) {
    for (String suffix : COUNTER_SUFFIXES) {
      if (metric.endsWith(suffix)) {
        return true;
      }
    }
    // A recording rule that keeps a counter's name, e.g. job:http_requests_total:sum.
    int colon = metric.lastIndexOf(':');
    return colon > 0 && isCounterName(metric.substring(0, colon));
  }
}
