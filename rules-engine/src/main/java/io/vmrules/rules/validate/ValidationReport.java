package io.vmrules.rules.validate;

import io.vmrules.rules.model.Finding;
import java.util.List;
import java.util.Map;

/** What a validation run found, findings sorted by file, line and column. */
public record ValidationReport(
    int files, int groups, int rules, List<Finding> findings, Map<String, List<String>> sources) {
  public ValidationReport {
    findings = findings.stream().sorted(Finding.ORDER).toList();
    sources = Map.copyOf(sources);
  }

  public long errors() {
    return findings.stream().filter(Finding::isError).count();
  }

  public long warnings() {
    return findings.size() - errors();
  }
}
