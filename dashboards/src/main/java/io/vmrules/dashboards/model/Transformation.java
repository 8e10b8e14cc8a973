package io.vmrules.dashboards.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A data transformation applied before rendering, e.g. {@code groupingToMatrix}. */
public record Transformation(String id, Map<String, Object> options) {
  public Transformation {
    Objects.requireNonNull(id, "id");
    options = new TreeMap<>(options);
  }

  /** Turns a table of (row, column, value) into a matrix. */
  public static Transformation groupingToMatrix(
      String rowField, String columnField, String valueField) {
    return new Transformation(
        "groupingToMatrix",
        Map.of(
            "rowField",
            rowField,
            "columnField",
            columnField,
            "valueField",
            valueField,
            "emptyValue",
            "null"));
  }

  /** Hides and renames table columns. */
  public static Transformation organize(
      Map<String, Boolean> excludeByName, Map<String, String> renameByName) {
    return new Transformation(
        "organize",
        Map.of(
            "excludeByName", new TreeMap<>(excludeByName),
            "renameByName", new TreeMap<>(renameByName),
            "indexByName", Map.of()));
  }
}
