package io.vmrules.promql.types;

import io.vmrules.promql.ValueType;
import java.util.List;

/**
 * A function or aggregation as the catalog describes it.
 *
 * @param params the declared parameters; at most one repeats, optional ones come last
 * @param experimental Prometheus accepts it only with {@code
 *     --enable-feature=promql-experimental-functions}
 * @param stableSince the Prometheus version that no longer needs the flag; null while it does
 */
public record FunctionSignature(
    String name,
    boolean isAggregation,
    ValueType returnType,
    List<Param> params,
    boolean experimental,
    String stableSince) {

  /** How often a parameter occurs. */
  public enum Occurrence {
    ONCE,
    OPTIONAL,
    ZERO_OR_MORE,
    ONE_OR_MORE
  }

  /** One declared parameter. */
  public record Param(ArgType type, Occurrence occurrence) {
    boolean repeats() {
      return occurrence == Occurrence.ZERO_OR_MORE || occurrence == Occurrence.ONE_OR_MORE;
    }
  }

  public FunctionSignature {
    params = List.copyOf(params);
    if (params.stream().filter(Param::repeats).count() > 1) {
      throw new IllegalArgumentException(name + ": at most one repeated parameter");
    }
  }

  // Loops, not streams: called for every call in every expression.
  public int minArgs() {
    int n = 0;
    for (int i = 0; i < params.size(); i++) {
      Occurrence o = params.get(i).occurrence;
      n += o == Occurrence.ONCE || o == Occurrence.ONE_OR_MORE ? 1 : 0;
    }
    return n;
  }

  public int maxArgs() {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).repeats()) {
        return Integer.MAX_VALUE;
      }
    }
    return params.size();
  }

  /**
   * The expected type of argument {@code i} of a call with {@code count} arguments (within the
   * arity). The repeated parameter absorbs the arguments the others leave over, so a repetition in
   * the middle ({@code quantiles("phi", 0.1, 0.9, q)}) lines up from both ends.
   */
  public ArgType argType(int i, int count) {
    int repeated = -1;
    for (int p = 0; p < params.size(); p++) {
      if (params.get(p).repeats()) {
        repeated = p;
      }
    }
    if (repeated < 0 || i < repeated) {
      return params.get(Math.min(i, params.size() - 1)).type();
    }
    int after = params.size() - 1 - repeated;
    int fromEnd = count - 1 - i;
    return fromEnd < after
        ? params.get(params.size() - 1 - fromEnd).type()
        : params.get(repeated).type();
  }

  /**
   * A well-typed call with {@code count} arguments, e.g. {@code quantile_over_time(0.5, x[5m])}:
   * for documentation, and for checking the catalog against real engines.
   */
  public String exampleCall(int count) {
    List<String> args = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      args.add(
          switch (argType(i, count)) {
            case SCALAR -> "0.5";
            // info()'s second argument takes label matchers only
            case VECTOR, ANY -> name.equals("info") && i == 1 ? "{lbl=\"a\"}" : "x";
            case RANGE -> "x[5m]";
            case STRING ->
                switch (name) {
                  case "aggr_over_time" -> "\"min_over_time\"";
                  case "timezone_offset" -> "\"UTC\"";
                  default -> "\"lbl\"";
                };
          });
    }
    return name + "(" + String.join(", ", args) + ")";
  }
}
