package io.vmrules.rules.lint;

import io.vmrules.promql.ast.Expr;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedRule;

/** A rule with its group and its compiled expression (null when the expression has errors). */
public record CheckedRule(GroupSpec group, LoadedRule rule, Expr expr) {
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
