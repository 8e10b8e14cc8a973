package io.vmrules.promql.types;

import io.vmrules.promql.ValueType;
import java.util.List;

/** TEMPORARY until the catalog lands: a function or aggregation signature. */
public record FunctionSignature(
    String name, boolean isAggregation, ValueType returnType, List<ArgType> args, int minArgs, boolean variadic) {
  public int maxArgs() {
    return variadic ? Integer.MAX_VALUE : args.size();
  }

  public ArgType argType(int i) {
    return i < args.size() ? args.get(i) : args.get(args.size() - 1);
  }
}
