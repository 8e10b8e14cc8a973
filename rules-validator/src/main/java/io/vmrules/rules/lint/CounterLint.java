package io.vmrules.rules.lint;

import io.vmrules.promql.ast.AggregateExpr;
import io.vmrules.promql.ast.BinaryExpr;
import io.vmrules.promql.ast.BinaryOp;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.NumberLiteral;
import io.vmrules.promql.ast.SubqueryExpr;
import io.vmrules.promql.ast.VectorSelector;
import java.util.Locale;
import java.util.Set;

/**
 * {@code rate}/{@code irate}/{@code increase} over a series that is a gauge by its name, and a
 * counter ({@code *_total}) used as a raw value: its level only says how long the process has run.
 */
final class CounterLint implements Lint {
  private static final Set<String> RATE = Set.of("rate", "irate", "increase");

  /** Functions and aggregations under which a raw counter is meaningful. */
  private static final Set<String> COUNTER_AWARE =
      Set.of(
          "rate",
          "irate",
          "increase",
          "resets",
          "changes",
          "absent",
          "absent_over_time",
          "present_over_time",
          "count_over_time",
          "last_over_time",
          "timestamp",
          "tfirst_over_time",
          "tlast_over_time",
          "increase_pure",
          "increase_prometheus",
          "rate_prometheus",
          "increases_over_time",
          "running_sum",
          "range_last",
          "count",
          "group",
          "count_values",
          "lifetime",
          "lag",
          "tlast_change_over_time",
          "count_eq_over_time",
          "count_ne_over_time",
          "delta_prometheus",
          "label_replace",
          "label_join",
          "ts_of_last_over_time");

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
        if (metric != null && isGaugeName(metric)) {
          rule.warn(
              c.span(),
              LintCodes.RATE_NON_COUNTER,
              fn
                  + "() of \""
                  + metric
                  + "\", which is a gauge by its name ("
                  + gaugeHint(metric)
                  + "): use deriv() or delta() for a"
                  + " gauge's change, or the value itself");
        }
      }
      counterAware = counterAware || COUNTER_AWARE.contains(fn);
    } else if (e instanceof AggregateExpr a) {
      counterAware = counterAware || COUNTER_AWARE.contains(a.op());
    } else if (e instanceof BinaryExpr b && b.op().isComparison() && !counterAware) {
      VectorSelector counter = rawCounter(b.lhs(), b.rhs());
      if (counter == null) {
        counter = rawCounter(b.rhs(), b.lhs());
      }
      if (counter != null) {
        rule.warn(
            counter.span(),
            LintCodes.COUNTER_WITHOUT_RATE,
            "counter \""
                + Exprs.metricName(counter)
                + "\" is compared with a threshold without rate() or increase(): its raw value only grows, so"
                + " the alert fires once the process has run long enough");
      }
    } else if (e instanceof MatrixSelector || e instanceof SubqueryExpr) {
      counterAware = true; // a range is read by the function around it
    }
    for (Expr child : Exprs.children(e)) {
      visit(child, counterAware, rule);
    }
  }

  /**
   * {@code side} when it is a *_total selector, alone or scaled by numbers, compared with a
   * non-zero number {@code other}: {@code errors_total > 100}. Many exporters name gauges *_total
   * (capacity totals: bytes_total - bytes_used, nodes_offline_total > 0), so a _total series beside
   * another series, or compared with 0, is not reported: on 2,000 public rules those were mostly
   * right.
   */
  private static VectorSelector rawCounter(Expr side, Expr other) {
    Expr x = Exprs.unwrap(side);
    while (x instanceof BinaryExpr b && b.op().kind() == BinaryOp.Kind.ARITHMETIC) {
      if (Exprs.unwrap(b.rhs()) instanceof NumberLiteral) {
        x = Exprs.unwrap(b.lhs());
      } else if (Exprs.unwrap(b.lhs()) instanceof NumberLiteral) {
        x = Exprs.unwrap(b.rhs());
      } else {
        return null;
      }
    }
    if (!(x instanceof VectorSelector v)
        || v.offset() != null
        || !(Exprs.unwrap(other) instanceof NumberLiteral n)
        || n.value() == 0) {
      return null;
    }
    String metric = Exprs.metricName(v);
    return metric != null && metric.endsWith("_total") && !metric.contains("uptime") ? v : null;
  }

  /** The metric a range function reads: {@code x[5m]}, or MetricsQL's bare {@code rate(x)}. */
  private static String rangedMetric(Expr arg) {
    Expr x = Exprs.unwrap(arg);
    if (x instanceof MatrixSelector m) {
      return Exprs.metricName(m.selector());
    }
    return x instanceof VectorSelector v ? Exprs.metricName(v) : null;
  }

  /**
   * Names that say "gauge" beyond doubt. Many exporters name counters without _total (SNMP's
   * ifHCInOctets, older node_exporter, Jaeger), so "no counter suffix" is not enough to warn: on
   * 2,000 public rules it was wrong more often than right.
   */
  private static final String[] GAUGE_SUFFIXES = {
    "_info",
    "_ratio",
    "_percent",
    "_percentage",
    "_celsius",
    "_fahrenheit",
    "_temperature",
    "_timestamp",
    "_timestamp_seconds",
    "_last_seen",
    "_gauge",
    "_up"
  };

  static boolean isGaugeName(String metric) {
    if (isCounterName(metric)) {
      return false;
    }
    if (metric.equals("up")) {
      return true;
    }
    for (String suffix : GAUGE_SUFFIXES) {
      if (metric.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  private static String gaugeHint(String metric) {
    return metric.equals("up")
        ? "up is 0 or 1"
        : "a counter never ends in " + metric.substring(metric.lastIndexOf('_'));
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
