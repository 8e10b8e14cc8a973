package io.vmrules.rules.model;

/** A 1-based line and column in a rule file. */
public record SourcePosition(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
