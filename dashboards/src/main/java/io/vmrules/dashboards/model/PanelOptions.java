package io.vmrules.dashboards.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The {@code options} of a panel, one record per kind, written in Grafana's complete saved form
 * (every field its schema requires). {@code defaults()} give what the Grafana UI would save.
 */
public sealed interface PanelOptions {
  @JsonIgnore
  PanelKind kind();

  /** Legend of time-based panels. */
  record Legend(String displayMode, String placement, boolean showLegend, List<String> calcs) {
    public Legend {
      calcs = List.copyOf(calcs);
    }

    public static Legend list() {
      return new Legend("list", "bottom", true, List.of());
    }

    /**
     * A table legend with the given reducers, e.g. {@code mean}, {@code max}, {@code lastNotNull}.
     */
    public static Legend table(String... calcs) {
      return new Legend("table", "bottom", true, List.of(calcs));
    }

    public static Legend hidden() {
      return new Legend("list", "bottom", false, List.of());
    }
  }

  /** Tooltip of time-based panels. */
  record Tooltip(String mode, String sort) {
    public static Tooltip multiDesc() {
      return new Tooltip("multi", "desc");
    }
  }

  /** How stat-like panels reduce a series to one value. */
  record ReduceOptions(List<String> calcs, String fields, boolean values) {
    public ReduceOptions {
      calcs = List.copyOf(calcs);
    }

    public static ReduceOptions lastNotNull() {
      return new ReduceOptions(List.of("lastNotNull"), "", false);
    }
  }

  record Timeseries(Legend legend, Tooltip tooltip) implements PanelOptions {
    public static Timeseries defaults() {
      return new Timeseries(Legend.list(), Tooltip.multiDesc());
    }

    @Override
    public PanelKind kind() {
      return PanelKind.TIMESERIES;
    }
  }

  record Stat(
      String graphMode,
      String colorMode,
      String justifyMode,
      String textMode,
      boolean wideLayout,
      boolean showPercentChange,
      String percentChangeColorMode,
      String orientation,
      ReduceOptions reduceOptions)
      implements PanelOptions {
    public static Stat defaults() {
      return new Stat(
          "area",
          "value",
          "auto",
          "auto",
          true,
          false,
          "standard",
          "auto",
          ReduceOptions.lastNotNull());
    }

    /** Colour the background: for single numbers whose colour is the message. */
    public Stat background() {
      return new Stat(
          graphMode,
          "background",
          justifyMode,
          textMode,
          wideLayout,
          showPercentChange,
          percentChangeColorMode,
          orientation,
          reduceOptions);
    }

    @Override
    public PanelKind kind() {
      return PanelKind.STAT;
    }
  }

  record Gauge(
      boolean showThresholdLabels,
      boolean showThresholdMarkers,
      String sizing,
      int minVizWidth,
      int minVizHeight,
      String orientation,
      ReduceOptions reduceOptions)
      implements PanelOptions {
    public static Gauge defaults() {
      return new Gauge(false, true, "auto", 75, 75, "auto", ReduceOptions.lastNotNull());
    }

    @Override
    public PanelKind kind() {
      return PanelKind.GAUGE;
    }
  }

  record BarGauge(
      String displayMode,
      String valueMode,
      String namePlacement,
      boolean showUnfilled,
      String sizing,
      int minVizWidth,
      int minVizHeight,
      int maxVizHeight,
      String orientation,
      Legend legend,
      ReduceOptions reduceOptions)
      implements PanelOptions {
    public static BarGauge defaults() {
      return new BarGauge(
          "gradient",
          "color",
          "auto",
          true,
          "auto",
          8,
          16,
          300,
          "horizontal",
          Legend.hidden(),
          ReduceOptions.lastNotNull());
    }

    @Override
    public PanelKind kind() {
      return PanelKind.BARGAUGE;
    }
  }

  record Table(
      int frameIndex, boolean showHeader, String cellHeight, Footer footer, List<SortBy> sortBy)
      implements PanelOptions {
    public Table {
      sortBy = List.copyOf(sortBy);
    }

    public record Footer(boolean show, List<String> reducer, boolean countRows) {
      public Footer {
        reducer = List.copyOf(reducer);
      }
    }

    public record SortBy(String displayName, boolean desc) {}

    public static Table defaults() {
      return new Table(0, true, "sm", new Footer(false, List.of("sum"), false), List.of());
    }

    @Override
    public PanelKind kind() {
      return PanelKind.TABLE;
    }
  }

  record Heatmap(
      boolean calculate,
      Color color,
      String showValue,
      int cellGap,
      YAxis yAxis,
      Shown legend,
      HeatmapTooltip tooltip,
      Exemplars exemplars,
      RowsFrame rowsFrame,
      CellValues cellValues,
      FilterValues filterValues,
      String selectionMode)
      implements PanelOptions {
    public record Color(
        String mode,
        String scheme,
        String fill,
        String scale,
        double exponent,
        int steps,
        boolean reverse) {}

    public record YAxis(String axisPlacement, boolean reverse, String unit) {}

    public record Shown(boolean show) {}

    public record HeatmapTooltip(String mode, boolean yHistogram, boolean showColorScale) {}

    public record Exemplars(String color) {}

    public record RowsFrame(String layout) {}

    public record CellValues(String unit) {}

    public record FilterValues(double le) {}

    /**
     * For Prometheus histogram buckets ({@code format: heatmap}); {@code unit} is the bucket unit.
     */
    public static Heatmap buckets(String unit) {
      return new Heatmap(
          false,
          new Color("scheme", "Oranges", "dark-orange", "exponential", 0.5, 64, false),
          "never",
          1,
          new YAxis("left", false, unit),
          new Shown(true),
          new HeatmapTooltip("single", false, true),
          new Exemplars("rgba(255,0,255,0.7)"),
          new RowsFrame("auto"),
          new CellValues("short"),
          new FilterValues(1e-9),
          "x");
    }

    @Override
    public PanelKind kind() {
      return PanelKind.HEATMAP;
    }
  }

  record Text(String mode, String content, Code code) implements PanelOptions {
    public record Code(String language, boolean showLineNumbers, boolean showMiniMap) {}

    public static Text markdown(String content) {
      return new Text("markdown", content, new Code("plaintext", false, false));
    }

    @Override
    public PanelKind kind() {
      return PanelKind.TEXT;
    }
  }

  record StateTimeline(
      String showValue,
      double rowHeight,
      boolean mergeValues,
      String alignValue,
      Legend legend,
      Tooltip tooltip)
      implements PanelOptions {
    public static StateTimeline defaults() {
      return new StateTimeline(
          "auto", 0.9, true, "left", Legend.list(), new Tooltip("single", "none"));
    }

    @Override
    public PanelKind kind() {
      return PanelKind.STATE_TIMELINE;
    }
  }
}
