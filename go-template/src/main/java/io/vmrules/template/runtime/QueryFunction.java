package io.vmrules.template.runtime;

import java.util.List;

/**
 * Runs an instant query for the {@code query} template function. Injected by the evaluator; the
 * template engine never talks to a datasource itself. Any runtime exception becomes a render error.
 */
@FunctionalInterface
public interface QueryFunction {
  List<QuerySample> query(String expr);

  /** A query function for contexts without a datasource: every call fails. */
  static QueryFunction unavailable() {
    return expr -> {
      throw new IllegalStateException(
          "cannot execute query " + "\"" + expr + "\": query is not available in this context");
    };
  }
}
