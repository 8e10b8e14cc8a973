package io.vmrules.dashboards.model;

import java.util.List;

/** {@code fieldConfig.defaults.custom}: the kind-specific field options. */
public sealed interface FieldCustom {
  record HideFrom(boolean legend, boolean tooltip, boolean viz) {
    public static final HideFrom NONE = new HideFrom(false, false, false);
  }

  record ScaleDistribution(String type) {
    public static final ScaleDistribution LINEAR = new ScaleDistribution("linear");
  }

  record Stacking(String mode, String group) {}

  record ThresholdsStyle(String mode) {}

  /** Time series lines, bars and axes. */
  record Graph(
      String drawStyle,
      String lineInterpolation,
      double lineWidth,
      double fillOpacity,
      String gradientMode,
      String showPoints,
      double pointSize,
      Object spanNulls,
      String axisPlacement,
      String axisLabel,
      String axisColorMode,
      boolean axisBorderShow,
      boolean axisCenteredZero,
      ScaleDistribution scaleDistribution,
      Stacking stacking,
      ThresholdsStyle thresholdsStyle,
      HideFrom hideFrom)
      implements FieldCustom {
    public static Graph lines() {
      return new Graph(
          "line",
          "linear",
          1,
          10,
          "none",
          "never",
          4,
          false,
          "auto",
          "",
          "text",
          false,
          false,
          ScaleDistribution.LINEAR,
          new Stacking("none", "A"),
          new ThresholdsStyle("off"),
          HideFrom.NONE);
    }

    public Graph stacked() {
      return new Graph(
          drawStyle,
          lineInterpolation,
          lineWidth,
          40,
          gradientMode,
          showPoints,
          pointSize,
          spanNulls,
          axisPlacement,
          axisLabel,
          axisColorMode,
          axisBorderShow,
          axisCenteredZero,
          scaleDistribution,
          new Stacking("normal", "A"),
          thresholdsStyle,
          hideFrom);
    }

    /** Draws the thresholds as dashed lines: when the line crosses one, it is red. */
    public Graph thresholdLines() {
      return new Graph(
          drawStyle,
          lineInterpolation,
          lineWidth,
          fillOpacity,
          gradientMode,
          showPoints,
          pointSize,
          spanNulls,
          axisPlacement,
          axisLabel,
          axisColorMode,
          axisBorderShow,
          axisCenteredZero,
          scaleDistribution,
          stacking,
          new ThresholdsStyle("dashed"),
          hideFrom);
    }
  }

  /** Table cells. */
  record TableField(String align, boolean inspect, boolean filterable, CellOptions cellOptions)
      implements FieldCustom {
    /**
     * How cells render. Grafana's schema lists the variants under a {@code oneOf} whose members
     * overlap, so each variant we write carries a field only it has ({@code applyToRow} for
     * color-background); auto cells leave cellOptions out (Grafana's default is auto).
     */
    public record CellOptions(String type, String mode, Boolean applyToRow) {}

    public static TableField auto() {
      return new TableField("auto", false, false, null);
    }

    /** Cells coloured by thresholds. */
    public static TableField colorBackground() {
      return new TableField(
          "center", false, false, new CellOptions("color-background", "basic", false));
    }
  }

  /** Heatmap cells. */
  record HeatmapField(HideFrom hideFrom, ScaleDistribution scaleDistribution)
      implements FieldCustom {
    public static HeatmapField defaults() {
      return new HeatmapField(HideFrom.NONE, ScaleDistribution.LINEAR);
    }
  }

  /** State timeline bands. */
  record StateTimelineField(int lineWidth, int fillOpacity, HideFrom hideFrom)
      implements FieldCustom {
    public static StateTimelineField defaults() {
      return new StateTimelineField(0, 70, HideFrom.NONE);
    }
  }

  /** Kinds without a custom part in their schema get none. */
  static List<PanelKind> kindsWithCustom() {
    return List.of(
        PanelKind.TIMESERIES, PanelKind.TABLE, PanelKind.HEATMAP, PanelKind.STATE_TIMELINE);
  }
}
