package io.vmrules.rules.lint;

import java.util.List;

/** Every lint, in the order their findings are produced. */
public final class Lints {
  private static final List<Lint> ALL =
      List.of(
          new CounterLint(),
          new AlertConditionLint(),
          new HistogramQuantileLint(),
          new RegexLint(),
          new WindowLint(),
          new NamingLint());

  private Lints() {}

  public static void check(RuleContext rule) {
    for (Lint lint : ALL) {
      lint.check(rule);
    }
  }
}
