package io.vmrules.template.funcs;

import io.vmrules.template.runtime.FunctionException;
import io.vmrules.template.runtime.QuerySample;
import io.vmrules.template.value.GoValues;
import java.util.List;

/** Argument conversions with Go's error messages. */
final class Args {
  private Args() {}

  static String string(List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof String s) {
      return s;
    }
    throw wrongType("string", v);
  }

  static QuerySample sample(List<Object> args, int i, String goType) {
    Object v = args.get(i);
    if (v instanceof QuerySample s) {
      return s;
    }
    throw wrongType(goType, v);
  }

  @SuppressWarnings("unchecked")
  static List<QuerySample> samples(List<Object> args, int i, String goType) {
    Object v = args.get(i);
    if (v instanceof List<?> l && l.stream().allMatch(QuerySample.class::isInstance)) {
      return (List<QuerySample>) l;
    }
    throw wrongType(goType, v);
  }

  static FunctionException wrongType(String expected, Object got) {
    if (got == null) {
      return new FunctionException("invalid value; expected " + expected);
    }
    return new FunctionException(
        "wrong type for value; expected " + expected + "; got " + GoValues.typeName(got));
  }

  /** Prometheus' {@code convertToFloat}: floats, ints and numeric strings. */
  static double toFloat(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof String s) {
      return parseFloat(s);
    }
    throw new FunctionException(
        "can't convert " + (v == null ? "<nil>" : GoValues.typeName(v)) + " to float");
  }

  /** Go's {@code strconv.ParseFloat(s, 64)}: no Java suffixes, no surrounding spaces. */
  static double parseFloat(String s) {
    String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    boolean neg = s.startsWith("-");
    if (lower.equals("inf") || lower.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    boolean ok =
        !t.isEmpty()
            && ((t.matches("[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?") && t.matches(".*[0-9].*"))
                || t.matches("0[xX][0-9a-fA-F]*\\.?[0-9a-fA-F]*[pP][+-]?[0-9]+"));
    if (ok) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new FunctionException(
        "strconv.ParseFloat: parsing "
            + io.vmrules.template.gofmt.GoQuote.quote(s)
            + ": invalid syntax");
  }
}
