package io.vmrules.promql.types;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** TEMPORARY minimal catalog until the data table lands. */
public final class FunctionCatalog {
  private static final FunctionCatalog STANDARD = new FunctionCatalog();
  private final Map<String, FunctionSignature> promql = new HashMap<>();
  private final Map<String, FunctionSignature> metricsql = new HashMap<>();

  private FunctionCatalog() {
    for (String a : List.of("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar")) {
      both(new FunctionSignature(a, true, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR), 1, false));
    }
    for (String a : List.of("topk", "bottomk", "quantile", "limitk", "limit_ratio")) {
      both(new FunctionSignature(a, true, ValueType.INSTANT_VECTOR, List.of(ArgType.SCALAR, ArgType.VECTOR), 2, false));
    }
    both(new FunctionSignature("count_values", true, ValueType.INSTANT_VECTOR, List.of(ArgType.STRING, ArgType.VECTOR), 2, false));
    for (String f : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
        "absent_over_time", "avg_over_time", "count_over_time", "sum_over_time", "last_over_time", "max_over_time",
        "min_over_time", "present_over_time", "stddev_over_time", "stdvar_over_time")) {
      both(new FunctionSignature(f, false, ValueType.INSTANT_VECTOR, List.of(ArgType.RANGE), 1, false));
    }
    for (String f : List.of("abs", "absent", "ceil", "floor", "exp", "ln", "log2", "log10", "sqrt", "sgn", "sort", "sort_desc",
        "timestamp", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "deg", "rad", "scalar_", "clamp_max_")) {
      both(new FunctionSignature(f, false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR), 1, false));
    }
    for (String f : List.of("day_of_week", "days_in_month", "minute", "year", "hour", "month", "day_of_month")) {
      both(new FunctionSignature(f, false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR), 0, false));
    }
    both(new FunctionSignature("scalar", false, ValueType.SCALAR, List.of(ArgType.VECTOR), 1, false));
    both(new FunctionSignature("vector", false, ValueType.INSTANT_VECTOR, List.of(ArgType.SCALAR), 1, false));
    both(new FunctionSignature("time", false, ValueType.SCALAR, List.of(), 0, false));
    both(new FunctionSignature("pi", false, ValueType.SCALAR, List.of(), 0, false));
    both(new FunctionSignature("round", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.SCALAR), 1, false));
    both(new FunctionSignature("clamp", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.SCALAR, ArgType.SCALAR), 3, false));
    both(new FunctionSignature("clamp_max", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.SCALAR), 2, false));
    both(new FunctionSignature("clamp_min", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.SCALAR), 2, false));
    both(new FunctionSignature("predict_linear", false, ValueType.INSTANT_VECTOR, List.of(ArgType.RANGE, ArgType.SCALAR), 2, false));
    both(new FunctionSignature("holt_winters", false, ValueType.INSTANT_VECTOR, List.of(ArgType.RANGE, ArgType.SCALAR, ArgType.SCALAR), 3, false));
    both(new FunctionSignature("quantile_over_time", false, ValueType.INSTANT_VECTOR, List.of(ArgType.SCALAR, ArgType.RANGE), 2, false));
    both(new FunctionSignature("histogram_quantile", false, ValueType.INSTANT_VECTOR, List.of(ArgType.SCALAR, ArgType.VECTOR), 2, false));
    both(new FunctionSignature("label_replace", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.STRING, ArgType.STRING, ArgType.STRING, ArgType.STRING), 5, false));
    both(new FunctionSignature("label_join", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.STRING, ArgType.STRING, ArgType.STRING), 3, true));
    for (String f : List.of("range_quantile", "topk_avg", "quantiles")) {
      mql(new FunctionSignature(f, f.equals("topk_avg") || f.equals("quantiles"), ValueType.INSTANT_VECTOR, List.of(ArgType.ANY), 1, true));
    }
    for (String f : List.of("rollup_rate", "median_over_time", "increase_pure")) {
      mql(new FunctionSignature(f, false, ValueType.INSTANT_VECTOR, List.of(ArgType.RANGE), 1, false));
    }
    for (String f : List.of("any", "median", "sum")) {
      mql(new FunctionSignature(f, true, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR), 1, true));
    }
    mql(new FunctionSignature("label_set", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR, ArgType.STRING), 1, true));
    mql(new FunctionSignature("union", false, ValueType.INSTANT_VECTOR, List.of(ArgType.VECTOR), 1, true));
    mql(new FunctionSignature("end", false, ValueType.SCALAR, List.of(), 0, false));
    mql(new FunctionSignature("histogram_quantile", false, ValueType.INSTANT_VECTOR, List.of(ArgType.SCALAR, ArgType.VECTOR, ArgType.STRING), 2, false));
  }

  private void both(FunctionSignature s) {
    promql.put(s.name(), s);
    metricsql.put(s.name(), s);
  }

  private void mql(FunctionSignature s) {
    metricsql.put(s.name(), s);
  }

  public static FunctionCatalog standard() {
    return STANDARD;
  }

  public Optional<FunctionSignature> lookup(String name, Dialect dialect) {
    return dialect == Dialect.PROMQL
        ? Optional.ofNullable(promql.get(name))
        : Optional.ofNullable(metricsql.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> closest(String name, Dialect dialect) {
    return io.vmrules.promql.Suggestions.closest(name, (dialect == Dialect.PROMQL ? promql : metricsql).keySet());
  }
}
