package io.vmrules.rules.lint;

import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule with its group and what the checks across rules need of its compiled expression: the
 * metrics it reads. Not the expression itself: a run over 50k rules would keep every tree alive
 * until the end (and copy each through the young generation).
 */
public record CheckedRule(GroupSpec group, LoadedRule rule, List<MetricRead> reads) {
  /** A selector of metric {@code name}, at {@code offset} in the expression. */
  public record MetricRead(String name, int offset) {}

  public CheckedRule {
    reads = List.copyOf(reads);
  }

  /**
   * {@code nodes} are the compiled expression's nodes ({@link Exprs#preorder}), empty when it has
   * errors (it reads nothing then).
   */
  @SuppressWarnings("ReturnValueIgnored") // hashCode() called for its cache, see below
  public static CheckedRule of(GroupSpec group, LoadedRule rule, List<Expr> nodes) {
    List<MetricRead> reads = new ArrayList<>();
    for (Expr e : nodes) {
      String name = e instanceof VectorSelector v ? Exprs.metricName(v) : null;
      if (name != null) {
        name.hashCode(); // cached in the string: the checks across rules look every name up
        reads.add(new MetricRead(name, e.span().start()));
      }
    }
    return new CheckedRule(group, rule, reads);
  }

  // Identity: two rules are the same only if they are the same entry of a file; hashing the whole
  // group would also make the cross-rule checks quadratic.
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
