package io.vmrules.rules.replay;

import java.time.Instant;
import java.util.List;

/**
 * What replay did for one rule.
 *
 * @param pointsQueried points the range queries answered
 * @param samplesWritten samples written (recorded series, or {@code ALERTS} and {@code
 *     ALERTS_FOR_STATE})
 * @param samplesFound samples not written because the target already held them (the first window of
 *     a resumed replay)
 * @param errors evaluations that failed (duplicate label sets, {@code limit}); they write nothing
 * @param firstError the first of those errors, or null
 * @param firings how often an alert of the rule started firing (alerting rules)
 * @param firstFirings when the first of them did, at most {@link #FIRST_FIRINGS}
 */
public record RuleSummary(
    String group,
    String rule,
    boolean alerting,
    long pointsQueried,
    long samplesWritten,
    long samplesFound,
    long errors,
    String firstError,
    long firings,
    List<Instant> firstFirings) {
  public static final int FIRST_FIRINGS = 3;

  public RuleSummary {
    firstFirings = List.copyOf(firstFirings);
  }
}
