package io.vmrules.template.funcs;

import io.vmrules.template.gofmt.GoFmt;
import io.vmrules.template.gofmt.GoQuote;
import io.vmrules.template.runtime.FunctionException;
import io.vmrules.template.runtime.TemplateFunction;
import io.vmrules.template.value.AnyMap;
import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoValues;
import io.vmrules.template.value.SafeHtml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code text/template} built-in functions. {@code and} and {@code or} are listed for name and
 * arity checks; the renderer evaluates them itself because their arguments are lazy.
 */
public final class Builtins {
  private Builtins() {}

  private static final List<TemplateFunction> ALL =
      List.of(
          TemplateFunction.variadic(
              "and",
              1,
              (c, a) -> {
                throw new IllegalStateException("and is evaluated by the renderer");
              }),
          TemplateFunction.variadic(
              "or",
              1,
              (c, a) -> {
                throw new IllegalStateException("or is evaluated by the renderer");
              }),
          TemplateFunction.fixed("not", 1, (c, a) -> !GoValues.isTrue(a.get(0))),
          TemplateFunction.fixed("len", 1, (c, a) -> length(a.get(0))),
          TemplateFunction.variadic("index", 1, (c, a) -> index(a)),
          TemplateFunction.variadic("slice", 1, (c, a) -> slice(a)),
          TemplateFunction.variadic("print", 0, (c, a) -> GoFmt.sprint(a)),
          TemplateFunction.variadic("println", 0, (c, a) -> GoFmt.sprintln(a)),
          TemplateFunction.variadic(
              "printf",
              1,
              (c, a) ->
                  GoFmt.sprintf(Args.string(a, 0), a.subList(1, a.size()), c.maxStringLength())),
          TemplateFunction.variadic("html", 0, (c, a) -> GoQuote.htmlEscape(evalArgs(a))),
          TemplateFunction.variadic("js", 0, (c, a) -> GoQuote.jsEscape(evalArgs(a))),
          TemplateFunction.variadic("urlquery", 0, (c, a) -> Escapes.queryEscape(evalArgs(a))),
          TemplateFunction.variadic("eq", 1, (c, a) -> eq(a)),
          TemplateFunction.fixed("ne", 2, (c, a) -> !eq(a)),
          // As in Go: le is lt or eq, gt is not le, ge is not lt (so NaN is "greater" than
          // anything).
          TemplateFunction.fixed("lt", 2, (c, a) -> lt(a.get(0), a.get(1))),
          TemplateFunction.fixed("le", 2, (c, a) -> lt(a.get(0), a.get(1)) || eq(a)),
          TemplateFunction.fixed("gt", 2, (c, a) -> !(lt(a.get(0), a.get(1)) || eq(a))),
          TemplateFunction.fixed("ge", 2, (c, a) -> !lt(a.get(0), a.get(1))),
          // Templates here never hold function values, so call always fails as Go's would on them.
          TemplateFunction.variadic(
              "call",
              1,
              (c, a) -> {
                throw new FunctionException("non-function of type " + GoValues.typeName(a.get(0)));
              }));

  public static List<TemplateFunction> all() {
    return ALL;
  }

  /** Go's {@code evalArgs}: a lone string as is, anything else through {@code Sprint}. */
  private static String evalArgs(List<Object> a) {
    if (a.size() == 1 && a.get(0) instanceof String s) {
      return s;
    }
    return GoFmt.sprint(a);
  }

  private static long length(Object v) {
    if (v instanceof String s) {
      return GoQuote.utf8Length(s);
    }
    if (v instanceof SafeHtml h) {
      return GoQuote.utf8Length(h.html());
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v instanceof List<?> l) {
      return l.size();
    }
    if (v == null) {
      throw new FunctionException("len of nil pointer");
    }
    throw new FunctionException("len of type " + GoValues.typeName(v));
  }

  private static Object index(List<Object> a) {
    Object item = a.get(0);
    if (item == null) {
      throw new FunctionException("index of untyped nil");
    }
    for (Object key : a.subList(1, a.size())) {
      if (item instanceof Map<?, ?> m) {
        if (!(key instanceof String k)) {
          throw new FunctionException(
              "value has type " + GoValues.typeName(key) + "; should be string");
        }
        Object v = m.get(k);
        item = v != null ? v : m instanceof AnyMap ? null : "";
      } else if (item instanceof List<?> l) {
        item = l.get(checkIndex(key, l.size()));
      } else if (item instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        item = (long) (bytes[checkIndex(key, bytes.length)] & 0xff);
      } else if (item == null) {
        throw new FunctionException("index of untyped nil");
      } else {
        throw new FunctionException("can't index item of type " + GoValues.typeName(item));
      }
    }
    return item;
  }

  private static int checkIndex(Object key, int len) {
    if (!(key instanceof Long i)) {
      throw new FunctionException("cannot index slice/array with type " + GoValues.typeName(key));
    }
    if (i < 0 || i >= len) {
      throw new FunctionException("index out of range: " + i);
    }
    return (int) (long) i;
  }

  private static Object slice(List<Object> a) {
    Object item = a.get(0);
    if (item == null) {
      throw new FunctionException("slice of untyped nil");
    }
    if (a.size() > 4) {
      throw new FunctionException("too many slice indexes: " + (a.size() - 1));
    }
    int len;
    if (item instanceof String s) {
      if (a.size() == 4) {
        throw new FunctionException("cannot 3-index slice a string");
      }
      len = GoQuote.utf8Length(s);
    } else if (item instanceof List<?> l) {
      len = l.size();
    } else {
      throw new FunctionException("can't slice item of type " + GoValues.typeName(item));
    }
    int[] idx = {0, len, len};
    for (int i = 1; i < a.size(); i++) {
      if (!(a.get(i) instanceof Long n)) {
        throw new FunctionException(
            "cannot index slice/array with type " + GoValues.typeName(a.get(i)));
      }
      if (n < 0 || n > len) {
        throw new FunctionException("index out of range: " + n);
      }
      idx[i - 1] = (int) (long) n;
    }
    if (idx[0] > idx[1]) {
      throw new FunctionException("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (item instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
    }
    return new ArrayList<>(((List<?>) item).subList(idx[0], idx[1]));
  }

  private enum Kind {
    BOOL,
    INT,
    FLOAT,
    STRING,
    OTHER
  }

  private static Kind kind(Object v) {
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long || v instanceof GoDuration) {
      return Kind.INT;
    }
    if (v instanceof Double) {
      return Kind.FLOAT;
    }
    if (v instanceof String || v instanceof SafeHtml) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }

  private static long asLong(Object v) {
    return v instanceof GoDuration d ? d.nanos() : (Long) v;
  }

  private static boolean eq(List<Object> a) {
    if (a.size() < 2) {
      throw new FunctionException("missing argument for comparison");
    }
    Object x = a.get(0);
    Kind k1 = kind(x);
    for (Object y : a.subList(1, a.size())) {
      Kind k2 = kind(y);
      boolean truth;
      if (k1 != k2) {
        if (x != null && y != null) {
          throw new FunctionException("incompatible types for comparison");
        }
        truth = false;
      } else {
        truth =
            switch (k1) {
              case BOOL -> x.equals(y);
              case INT -> asLong(x) == asLong(y);
              case FLOAT -> (double) (Double) x == (double) (Double) y;
              case STRING -> x.toString().equals(y.toString());
              case OTHER -> {
                if (x == null || y == null) {
                  yield x == y;
                }
                if (x instanceof Map
                    || y instanceof Map
                    || x instanceof List
                    || y instanceof List) {
                  throw new FunctionException(
                      "non-comparable type " + GoFmt.value(x) + ": " + GoValues.typeName(x));
                }
                yield x.equals(y);
              }
            };
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  private static boolean lt(Object x, Object y) {
    Kind k1 = kind(x);
    Kind k2 = kind(y);
    if (k1 == Kind.OTHER || k1 == Kind.BOOL) {
      throw new FunctionException("invalid type for comparison");
    }
    if (k1 != k2) {
      throw new FunctionException(
          k2 == Kind.OTHER || k2 == Kind.BOOL
              ? "invalid type for comparison"
              : "incompatible types for comparison");
    }
    return switch (k1) {
      case INT -> asLong(x) < asLong(y);
      case FLOAT -> (Double) x < (Double) y;
      default -> x.toString().compareTo(y.toString()) < 0;
    };
  }
}
