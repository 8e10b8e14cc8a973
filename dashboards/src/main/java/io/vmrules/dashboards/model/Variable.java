package io.vmrules.dashboards.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A template variable ({@code templating.list[]}): datasource, query, custom or interval. Use the
 * factories; {@code query} is a string, or for Prometheus query variables the editor's object.
 */
public record Variable(
    String type,
    String name,
    String label,
    Object query,
    String definition,
    DataSourceRef datasource,
    Option current,
    List<Option> options,
    Integer refresh,
    Integer sort,
    Boolean multi,
    Boolean includeAll,
    String allValue,
    String regex,
    int hide,
    boolean skipUrlSync,
    Boolean auto,
    Integer auto_count,
    String auto_min) {
  public Variable {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    options = List.copyOf(options);
    if (query instanceof Map<?, ?> m) {
      query = new TreeMap<>(m);
    }
  }

  /** A selected or offered value. */
  public record Option(Boolean selected, Object text, Object value) {
    public static Option of(String value) {
      return new Option(true, value, value);
    }

    public static Option all() {
      return new Option(true, List.of("All"), List.of("$__all"));
    }
  }

  /** {@code $ds}: a Prometheus-type datasource picker defaulting to {@code defaultUid}. */
  public static Variable datasource(
      String name, String label, String defaultName, String defaultUid) {
    return new Variable(
        "datasource",
        name,
        label,
        "prometheus",
        null,
        null,
        new Option(true, defaultName, defaultUid),
        List.of(),
        1,
        null,
        false,
        false,
        null,
        "",
        0,
        false,
        null,
        null,
        null);
  }

  /**
   * A query variable from {@code label_values(selector, label)} or {@code query_result(expr)}, all
   * values by default; {@code multi} lets the user pick several.
   */
  public static Variable query(
      String name,
      String label,
      DataSourceRef ds,
      String definition,
      boolean multi,
      boolean includeAll) {
    Map<String, Object> q =
        Map.of(
            "qryType",
            definition.startsWith("label_values(") ? 1 : 3,
            "query",
            definition,
            "refId",
            "PrometheusVariableQueryEditor-VariableQuery");
    return new Variable(
        "query",
        name,
        label,
        q,
        definition,
        ds,
        includeAll ? Option.all() : null,
        List.of(),
        2,
        1,
        multi,
        includeAll,
        includeAll ? ".*" : null,
        "",
        0,
        false,
        null,
        null,
        null);
  }

  /** A fixed list of values. */
  public static Variable custom(String name, String label, List<String> values) {
    List<Option> opts =
        values.stream().map(v -> new Option(v.equals(values.get(0)), v, v)).toList();
    return new Variable(
        "custom",
        name,
        label,
        String.join(",", values),
        null,
        null,
        Option.of(values.get(0)),
        opts,
        null,
        null,
        false,
        false,
        null,
        null,
        0,
        false,
        null,
        null,
        null);
  }

  /** An interval variable such as {@code 1m,5m,15m,1h}; the first is the default. */
  public static Variable interval(String name, String label, List<String> values) {
    List<Option> opts =
        values.stream().map(v -> new Option(v.equals(values.get(0)), v, v)).toList();
    return new Variable(
        "interval",
        name,
        label,
        String.join(",", values),
        null,
        null,
        Option.of(values.get(0)),
        opts,
        2,
        null,
        null,
        null,
        null,
        null,
        0,
        false,
        false,
        30,
        "10s");
  }

  /** The query text of a query variable ({@code label_values(...)}), or null. */
  @JsonIgnore
  public String queryDefinition() {
    return "query".equals(type) ? definition : null;
  }
}
