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
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Level(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * By file, line, column, code and message. One method rather than a chain of key extractors: a
   * report sorts every finding, and the chain's lambdas cost more than the comparisons.
   */
  public static final Comparator<Finding> ORDER = Finding::compareByPosition;

  private static int compareByPosition(Finding a, Finding b) {
    int c = a.file == b.file ? 0 : a.file.compareTo(b.file);
    if (c == 0) {
      c = Integer.compare(a.line, b.line);
    }
    if (c == 0) {
      c = Integer.compare(a.column, b.column);
    }
    if (c == 0) {
      c = a.code.compareTo(b.code);
    }
    return c != 0 ? c : a.message.compareTo(b.message);
  }

  public Finding {
    Objects.requireNonNull(file);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(code);
    group = group == null ? "" : group;
    rule = rule == null ? "" : rule;
    Objects.requireNonNull(message);
  }

  public static Finding at(
      SourcePosition p, Level level, String code, String group, String rule, String message) {
    return new Finding(p.file(), p.line(), p.column(), level, code, group, rule, message);
  }

  /** This finding as an error ({@code --strict} makes warnings errors). */
  public Finding asError() {
    return new Finding(file, line, column, Level.ERROR, code, group, rule, message);
  }

  public boolean isError() {
    return severity == Level.ERROR;
  }

  /** One line: {@code file:line:column: severity: message [code]}. */
  public String toLine() {
    return file
        + ":"
        + line
        + ":"
        + column
        + ": "
        + severity.label()
        + ": "
        + message
        + " ["
        + code
        + "]";
  }
}
