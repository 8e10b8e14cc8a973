package io.vmrules.dashboards.model;

/** The panel plugins we generate; {@link #schemaName} names the JSON Schema file of each. */
public enum PanelKind {
  TIMESERIES("timeseries", "timeseries"),
  STAT("stat", "stat"),
  GAUGE("gauge", "gauge"),
  BARGAUGE("bargauge", "bargauge"),
  TABLE("table", "table"),
  HEATMAP("heatmap", "heatmap"),
  TEXT("text", "text"),
  STATE_TIMELINE("state-timeline", "statetimeline");

  private final String id;
  private final String schemaName;

  PanelKind(String id, String schemaName) {
    this.id = id;
    this.schemaName = schemaName;
  }

  /** The plugin id written as {@code type}. */
  public String id() {
    return id;
  }

  public String schemaName() {
    return schemaName;
  }

  /** Panels that show data (and therefore need queries, a datasource and a unit). */
  public boolean showsData() {
    return this != TEXT;
  }
}
