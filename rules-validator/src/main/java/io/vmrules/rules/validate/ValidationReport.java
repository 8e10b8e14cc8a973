package io.vmrules.rules.validate;

import io.vmrules.rules.model.Finding;
import java.util.List;
import java.util.Map;

/**
 * What a validation run found, findings sorted by file, line and column; {@code checked} names
 * every rule in file order (a JUnit report lists passing rules too).
 */
public record ValidationReport(
    int files, int groups, int rules, List<Finding> findings, Map<String, List<String>> sources,
    List<RuleId> checked) {
  /** A rule by file, group and name. */
  public record RuleId(String file, String group, String rule) {}

  public ValidationReport {
    // Loops and a plain sort, not streams: this runs once, at the end of a mostly cold run.
    Finding[] sorted = findings.toArray(new Finding[0]);
    java.util.Arrays.sort(sorted, Finding.ORDER);
    findings = List.of(sorted);
    sources = Map.copyOf(sources);
    checked = List.copyOf(checked);
  }

  public long errors() {
    long n = 0;
    for (Finding f : findings) {
      n += f.isError() ? 1 : 0;
    }
    return n;
  }

  public long warnings() {
    return findings.size() - errors();
  }
}
