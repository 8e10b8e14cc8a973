package io.vmrules.rules.replay;

import java.util.List;

/** What a replay did, per rule in replay order; {@code complete} is false when it stopped early. */
public record ReplaySummary(List<RuleSummary> rules, boolean complete) {
  public ReplaySummary {
    rules = List.copyOf(rules);
  }

  public long samplesWritten() {
    long n = 0;
    for (RuleSummary r : rules) {
      n += r.samplesWritten();
    }
    return n;
  }
}
