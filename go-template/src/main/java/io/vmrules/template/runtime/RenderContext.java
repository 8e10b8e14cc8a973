package io.vmrules.template.runtime;

import java.util.Map;

/** What a render sees: the dot value, the predeclared variables and the injected services. */
public interface RenderContext {
  /** The initial {@code .} (and {@code $}). May be null. */
  Object dot();

  /**
   * Predeclared variables, e.g. {@code $labels}, {@code $value} (the {@code $} may be left out).
   */
  Map<String, Object> variables();

  default QueryFunction queryFunction() {
    return QueryFunction.unavailable();
  }

  /** The {@code --external.url} value used by {@code externalURL} and {@code pathPrefix}. */
  default String externalUrl() {
    return "";
  }

  /** The time of rendering, for vmalert's {@code now}. */
  default java.time.Instant now() {
    return java.time.Instant.now();
  }

  static RenderContext of(Object dot, Map<String, Object> variables) {
    return new RenderContext() {
      @Override
      public Object dot() {
        return dot;
      }

      @Override
      public Map<String, Object> variables() {
        return variables;
      }
    };
  }
}
