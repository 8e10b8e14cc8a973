package io.vmrules.dashboards.model;

import java.util.Map;
import java.util.TreeMap;

/** A value mapping ({@code type: value}): exact values shown as text with a colour. */
public record ValueMapping(String type, Map<String, Result> options) {
  public ValueMapping {
    options = new TreeMap<>(options);
  }

  public record Result(String text, String color, int index) {}

  /** Maps 0 and 1 to texts and colours, e.g. DOWN/red and UP/green. */
  public static ValueMapping binary(
      String zeroText, String zeroColor, String oneText, String oneColor) {
    return new ValueMapping(
        "value",
        Map.of("0", new Result(zeroText, zeroColor, 0), "1", new Result(oneText, oneColor, 1)));
  }
}
