package io.vmrules.rules.lint;

import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.rules.model.AlertingRuleSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code rate}/{@code increase} window shorter than the evaluation interval: the samples between
 * two evaluations are never read, so spikes there go unseen (a window equal to the interval, the
 * common {@code rate(x[1m])} at the default 1m, reads every sample once and is fine; whether it
 * holds enough samples depends on the scrape interval, which a rule file does not know). A {@code
 * for} shorter than the interval means the same as {@code for: 0}… or worse, one more interval.
 */
final class WindowLint implements Lint {
  private static final Set<String> RATE = Set.of("rate", "irate", "increase", "deriv");

  @Override
  public void check(RuleContext rule) {
    if (rule.interval() == null) {
      return; // the group runs at a default this file does not say
    }
    long interval = rule.interval().toMillis();
    rule.nodes()
        .forEach(
            e -> {
              if (e instanceof Call c
                  && RATE.contains(c.name().toLowerCase(Locale.ROOT))
                  && !c.args().isEmpty()
                  && Exprs.unwrap(c.args().get(0)) instanceof MatrixSelector m) {
                long window = m.range().millis();
                if (m.range().expr() == null
                    && !m.range().isSteps()
                    && window > 0
                    && window < interval) {
                  rule.warn(
                      m.range().span(),
                      LintCodes.RATE_WINDOW,
                      c.name()
                          + "() window "
                          + human(window)
                          + " is shorter than the group interval ("
                          + human(interval)
                          + "): the samples between"
                          + " evaluations are never read; use at least "
                          + human(interval));
                }
              }
            });
    if (rule.rule().spec() instanceof AlertingRuleSpec a) {
      Duration forDuration = a.forDuration();
      if (!forDuration.isZero() && forDuration.toMillis() < interval) {
        rule.warnRule(
            LintCodes.FOR_SHORTER_THAN_INTERVAL,
            "\"for\" ("
                + human(forDuration.toMillis())
                + ") is shorter than the group interval ("
                + human(interval)
                + "): the alert still waits one interval; set for to 0 or at least the interval");
      }
    }
  }

  static String human(long millis) {
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
