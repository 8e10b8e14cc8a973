package io.vmrules.promql.ast;

/**
 * Prometheus' experimental boundary modifiers of a selector ({@code
 * --enable-feature=promql-extended-range-selectors}): {@code rate(x[5m] anchored)} uses the samples
 * at the range's edges without extrapolating, {@code x[5m] smoothed} interpolates them.
 */
public enum RangeModifier {
  NONE(""),
  ANCHORED("anchored"),
  SMOOTHED("smoothed");

  private final String keyword;

  RangeModifier(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }
}
