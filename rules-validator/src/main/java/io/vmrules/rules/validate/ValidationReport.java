package io.vmrules.rules.validate;

import io.vmrules.rules.model.Finding;
import java.util.List;
import java.util.Map;

/**
 * What a validation run found, findings sorted by file, line and column; {@code checked} names
 * every rule in file order (a JUnit report lists passing rules too).
 */
public record ValidationReport(
    int files,
    int groups,
    int rules,
    List<Finding> findings,
    Map<String, List<String>> sources,
    List<RuleId> checked) {
  /** A rule by file, group and name. */
  public record RuleId(String file, String group, String rule) {}

  public ValidationReport {
    // Loops and a plain sort, not streams: this runs once, at the end of a mostly cold run.
    Finding[] sorted = findings.toArray(new Finding[0]);
    java.util.Arrays.sort(sorted, Finding.ORDER);
    findings = List.of(sorted);
    sources = Map.copyOf(sources);
    checked = checked instanceof RuleIds ? checked : List.copyOf(checked);
  }

  /**
   * This report with {@code more} findings, each about a file of its own (files that could not be
   * read).
   */
  public ValidationReport with(List<Finding> more) {
    List<Finding> all = new java.util.ArrayList<>(findings);
    all.addAll(more);
    return new ValidationReport(files + more.size(), groups, rules, all, sources, checked);
  }

  /** This report with {@code more} findings about its files (the online checks'). */
  public ValidationReport plus(List<Finding> more) {
    List<Finding> all = new java.util.ArrayList<>(findings);
    all.addAll(more);
    return new ValidationReport(files, groups, rules, all, sources, checked);
  }

  /** Whether a file could not be read: exit status 2 (design §5), whatever else was found. */
  public boolean hasUnreadableFiles() {
    for (Finding f : findings) {
      if (f.code().equals(io.vmrules.rules.load.Codes.IO)) {
        return true;
      }
    }
    return false;
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
