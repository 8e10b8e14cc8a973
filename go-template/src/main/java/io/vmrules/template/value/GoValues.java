package io.vmrules.template.value;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Go's view of the Java values templates handle: type names and truth. */
public final class GoValues {
  private GoValues() {}

  /** Integers are Go {@code int}: Java ints, shorts and bytes become longs. */
  public static Object normalize(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }

  public static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long || v instanceof Integer) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof AnyMap) {
      return "map[string]interface {}";
    }
    if (v instanceof Map) {
      return "map[string]string";
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty() && l.get(0) instanceof GoStruct s
          ? "[]" + s.goTypeName()
          : "[]interface {}";
    }
    if (v instanceof GoStruct s) {
      return s.goTypeName();
    }
    if (v instanceof GoTime) {
      return "time.Time";
    }
    if (v instanceof GoDuration) {
      return "time.Duration";
    }
    if (v instanceof SafeHtml) {
      return "template.HTML";
    }
    return v.getClass().getSimpleName();
  }

  /** Go template truth: false, 0, nil and empty strings, maps and slices are false. */
  public static boolean isTrue(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof SafeHtml h) {
      return !h.html().isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof GoDuration d) {
      return d.nanos() != 0;
    }
    return true;
  }
}
