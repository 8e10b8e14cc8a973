package io.vmrules.promql;

/** How bad a diagnostic is: errors fail validation, warnings do not (unless strict). */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
