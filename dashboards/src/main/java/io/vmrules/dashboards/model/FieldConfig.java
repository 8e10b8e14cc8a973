package io.vmrules.dashboards.model;

import java.util.List;

/** Field defaults: unit, range, thresholds, colour, mappings and the kind-specific custom part. */
public record FieldConfig(
    String unit,
    Double min,
    Double max,
    Integer decimals,
    Thresholds thresholds,
    FieldColor color,
    List<ValueMapping> mappings,
    String noValue,
    String displayName,
    FieldCustom custom) {
  public FieldConfig {
    mappings = mappings == null ? List.of() : List.copyOf(mappings);
  }

  /** Colour of a field: a mode and, for {@code fixed}, the colour. */
  public record FieldColor(String mode, String fixedColor) {
    public static FieldColor thresholds() {
      return new FieldColor("thresholds", null);
    }

    public static FieldColor paletteClassic() {
      return new FieldColor("palette-classic", null);
    }

    public static FieldColor fixed(String color) {
      return new FieldColor("fixed", color);
    }
  }
}
