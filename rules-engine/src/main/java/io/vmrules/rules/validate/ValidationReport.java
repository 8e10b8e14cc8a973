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
    findings = findings.stream().sorted(Finding.ORDER).toList();
    sources = Map.copyOf(sources);
    checked = List.copyOf(checked);
  }

  public long errors() {
    return findings.stream().filter(Finding::isError).count();
  }

  public long warnings() {
    return findings.size() - errors();
  }
}
