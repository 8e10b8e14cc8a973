package io.vmrules.dashboards.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A row. An expanded row has {@code panels: []} and its panels follow it as siblings in the
 * dashboard; a collapsed row nests its panels here.
 */
public record RowPanel(int id, String title, boolean collapsed, GridPos gridPos, List<Panel> panels)
    implements PanelItem {
  public RowPanel {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(gridPos, "gridPos");
    panels = List.copyOf(panels);
    if (!collapsed && !panels.isEmpty()) {
      throw new IllegalArgumentException("an expanded row has no nested panels: " + title);
    }
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "row";
  }
}
