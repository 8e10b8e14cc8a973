package io.vmrules.rules.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a rule file, with its place. {@code group} and {@code rule} are empty when the
 * problem is outside them.
 */
public record Finding(
    String file,
    int line,
    int column,
    Level severity,
    String code,
    String group,
    String rule,
    String message) {
  /** Severity of a finding. */
  public enum Level {
    ERROR,
    WARNING;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::code)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(file);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(code);
    group = group == null ? "" : group;
    rule = rule == null ? "" : rule;
    Objects.requireNonNull(message);
  }

  public static Finding at(SourcePosition p, Level level, String code, String group, String rule, String message) {
    return new Finding(p.file(), p.line(), p.column(), level, code, group, rule, message);
  }

  public boolean isError() {
    return severity == Level.ERROR;
  }
}
