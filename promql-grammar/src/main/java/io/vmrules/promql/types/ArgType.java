package io.vmrules.promql.types;

import io.vmrules.promql.ValueType;

/** Argument types in function signatures. */
public enum ArgType {
  SCALAR(ValueType.SCALAR),
  VECTOR(ValueType.INSTANT_VECTOR),
  RANGE(ValueType.RANGE_VECTOR),
  STRING(ValueType.STRING),
  ANY(null);

  private final ValueType valueType;

  ArgType(ValueType valueType) {
    this.valueType = valueType;
  }

  public ValueType valueType() {
    return valueType;
  }

  public String description() {
    return valueType == null ? "any" : valueType.description();
  }
}
