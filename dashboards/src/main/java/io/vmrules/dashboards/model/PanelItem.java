package io.vmrules.dashboards.model;

/** An entry of {@code Dashboard.panels}: a row or a panel. */
public sealed interface PanelItem permits Panel, RowPanel {
  int id();

  String type();

  String title();

  GridPos gridPos();
}
