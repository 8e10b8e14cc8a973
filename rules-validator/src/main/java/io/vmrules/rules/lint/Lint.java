package io.vmrules.rules.lint;

/**
 * A check of one rule that finds likely mistakes in valid rules. Findings are warnings with stable
 * codes, turned off with {@code --disable CODE} or a {@code # rules: disable CODE} comment.
 */
public interface Lint {
  /** Runs only for rules whose expression compiled without errors. */
  void check(RuleContext rule);
}
