package io.vmrules.rules.validate;

import io.vmrules.rules.lint.CheckedRule;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The checked rules as {@link ValidationReport.RuleId}s, made when read: only the JUnit report
 * reads them, and 50k records built at the end of every run, in a loop the JVM has not compiled
 * yet, took ~10 ms of the serial tail.
 */
final class RuleIds extends AbstractList<ValidationReport.RuleId> implements RandomAccess {
  private final CheckedRule[] rules;

  RuleIds(List<CheckedRule> rules) {
    this.rules = rules.toArray(new CheckedRule[0]);
  }

  @Override
  public ValidationReport.RuleId get(int index) {
    CheckedRule r = rules[index];
    return new ValidationReport.RuleId(r.group().file(), r.group().name(), r.rule().spec().name());
  }

  @Override
  public int size() {
    return rules.length;
  }
}
