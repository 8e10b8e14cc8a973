package io.vmrules.rules.model;

/**
 * Maps character offsets in a YAML scalar's value (an expression, a template) to positions in the
 * rule file, so diagnostics inside the value point at the right file line and column, also for
 * block scalars and quoted scalars.
 */
@FunctionalInterface
public interface TextPositions {
  SourcePosition at(int offset);

  /** Every offset maps to one fixed position (values without a source). */
  static TextPositions fixed(SourcePosition position) {
    return offset -> position;
  }
}
