package io.vmrules.dashboards.build;

import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.FieldConfig;
import io.vmrules.dashboards.model.FieldConfig.FieldColor;
import io.vmrules.dashboards.model.FieldConfigSource;
import io.vmrules.dashboards.model.FieldCustom;
import io.vmrules.dashboards.model.GridPos;
import io.vmrules.dashboards.model.Panel;
import io.vmrules.dashboards.model.PanelKind;
import io.vmrules.dashboards.model.PanelOptions;
import io.vmrules.dashboards.model.Target;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Transformation;
import io.vmrules.dashboards.model.ValueMapping;
import io.vmrules.promql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds one panel. Each kind starts from Grafana's complete saved defaults; setters validate.
 * Position and id are assigned by {@link DashboardBuilder}'s layout; only the size is set here.
 */
public final class PanelBuilder {
  private final PanelKind kind;
  private final String title;
  private String description;
  private PanelOptions options;
  private FieldCustom custom;
  private String unit;
  private Double min;
  private Double max;
  private Integer decimals;
  private Thresholds thresholds;
  private FieldColor color;
  private final List<ValueMapping> mappings = new ArrayList<>();
  private String noValue;
  private String displayName;
  private final List<FieldConfigSource.FieldOverride> overrides = new ArrayList<>();
  private final List<Transformation> transformations = new ArrayList<>();
  private final List<TargetBuilder> targets = new ArrayList<>();
  private DataSourceRef datasource;
  private String interval;
  private Integer maxDataPoints;
  int width;
  int height;

  private PanelBuilder(
      PanelKind kind,
      String title,
      PanelOptions options,
      FieldCustom custom,
      FieldColor color,
      int width,
      int height) {
    this.kind = kind;
    this.title = Objects.requireNonNull(title, "title");
    this.options = options;
    this.custom = custom;
    this.color = color;
    this.thresholds = kind.showsData() ? Thresholds.ok() : null;
    this.width = width;
    this.height = height;
  }

  public static PanelBuilder timeseries(String title) {
    return new PanelBuilder(
        PanelKind.TIMESERIES,
        title,
        PanelOptions.Timeseries.defaults(),
        FieldCustom.Graph.lines(),
        FieldColor.paletteClassic(),
        12,
        8);
  }

  public static PanelBuilder stat(String title) {
    return new PanelBuilder(
        PanelKind.STAT, title, PanelOptions.Stat.defaults(), null, FieldColor.thresholds(), 4, 4);
  }

  public static PanelBuilder gauge(String title) {
    return new PanelBuilder(
        PanelKind.GAUGE, title, PanelOptions.Gauge.defaults(), null, FieldColor.thresholds(), 4, 6);
  }

  public static PanelBuilder barGauge(String title) {
    return new PanelBuilder(
        PanelKind.BARGAUGE,
        title,
        PanelOptions.BarGauge.defaults(),
        null,
        FieldColor.thresholds(),
        8,
        8);
  }

  public static PanelBuilder table(String title) {
    return new PanelBuilder(
        PanelKind.TABLE,
        title,
        PanelOptions.Table.defaults(),
        FieldCustom.TableField.auto(),
        FieldColor.thresholds(),
        12,
        8);
  }

  /** A heatmap of Prometheus histogram buckets whose {@code le} is in {@code bucketUnit}. */
  public static PanelBuilder heatmap(String title, String bucketUnit) {
    return new PanelBuilder(
        PanelKind.HEATMAP,
        title,
        PanelOptions.Heatmap.buckets(bucketUnit),
        FieldCustom.HeatmapField.defaults(),
        null,
        12,
        8);
  }

  public static PanelBuilder text(String title, String markdown) {
    return new PanelBuilder(
        PanelKind.TEXT, title, PanelOptions.Text.markdown(markdown), null, null, 24, 3);
  }

  public static PanelBuilder stateTimeline(String title) {
    return new PanelBuilder(
        PanelKind.STATE_TIMELINE,
        title,
        PanelOptions.StateTimeline.defaults(),
        FieldCustom.StateTimelineField.defaults(),
        FieldColor.thresholds(),
        12,
        8);
  }

  /** What the panel shows, what red means and what to do about it. */
  public PanelBuilder description(String description) {
    this.description = description;
    return this;
  }

  public PanelBuilder unit(String unit) {
    this.unit = unit;
    return this;
  }

  public PanelBuilder min(double min) {
    this.min = min;
    return this;
  }

  public PanelBuilder max(double max) {
    this.max = max;
    return this;
  }

  public PanelBuilder decimals(int decimals) {
    if (decimals < 0) {
      throw new IllegalArgumentException("decimals must be >= 0");
    }
    this.decimals = decimals;
    return this;
  }

  public PanelBuilder thresholds(Thresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds);
    return this;
  }

  /** Colour from the thresholds (instead of the classic palette). */
  public PanelBuilder colorByThresholds() {
    this.color = FieldColor.thresholds();
    return this;
  }

  public PanelBuilder mapping(ValueMapping mapping) {
    mappings.add(Objects.requireNonNull(mapping));
    return this;
  }

  public PanelBuilder noValue(String noValue) {
    this.noValue = noValue;
    return this;
  }

  public PanelBuilder displayName(String displayName) {
    this.displayName = displayName;
    return this;
  }

  public PanelBuilder options(PanelOptions options) {
    if (options.kind() != kind) {
      throw new IllegalArgumentException(options.kind() + " options on a " + kind + " panel");
    }
    this.options = options;
    return this;
  }

  public PanelBuilder custom(FieldCustom custom) {
    this.custom = custom;
    return this;
  }

  public PanelBuilder override(
      FieldConfigSource.Matcher matcher, FieldConfigSource.Property... properties) {
    overrides.add(new FieldConfigSource.FieldOverride(matcher, List.of(properties)));
    return this;
  }

  public PanelBuilder transformation(Transformation transformation) {
    transformations.add(Objects.requireNonNull(transformation));
    return this;
  }

  public PanelBuilder query(String expr, String legendFormat) {
    return target(TargetBuilder.query(expr).legend(legendFormat));
  }

  public PanelBuilder target(TargetBuilder target) {
    targets.add(Objects.requireNonNull(target));
    return this;
  }

  /** The panel's datasource; by default the dashboard's. */
  public PanelBuilder datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return this;
  }

  public PanelBuilder interval(String interval) {
    this.interval = interval;
    return this;
  }

  public PanelBuilder maxDataPoints(int maxDataPoints) {
    this.maxDataPoints = maxDataPoints;
    return this;
  }

  /** Width (of 24 columns) and height (grid rows). */
  public PanelBuilder size(int width, int height) {
    if (width < 1 || width > GridPos.COLUMNS || height < 1) {
      throw new IllegalArgumentException("size " + width + "x" + height + " does not fit the grid");
    }
    this.width = width;
    this.height = height;
    return this;
  }

  public String title() {
    return title;
  }

  Panel build(int id, GridPos pos, DataSourceRef dashboardDatasource, Dialect dialect) {
    DataSourceRef ds =
        kind.showsData() ? (datasource != null ? datasource : dashboardDatasource) : null;
    List<Target> built = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      built.add(targets.get(i).build(refId(i), ds, dialect));
    }
    FieldConfig defaults =
        new FieldConfig(
            unit, min, max, decimals, thresholds, color, mappings, noValue, displayName, custom);
    return new Panel(
        id,
        kind.id(),
        title,
        description,
        ds,
        pos,
        built,
        new FieldConfigSource(defaults, overrides),
        options,
        transformations,
        interval,
        maxDataPoints);
  }

  private static String refId(int index) {
    return index < 26 ? String.valueOf((char) ('A' + index)) : "Q" + index;
  }
}
