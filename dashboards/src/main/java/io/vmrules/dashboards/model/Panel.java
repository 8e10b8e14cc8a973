package io.vmrules.dashboards.model;

import java.util.List;
import java.util.Objects;

/** A visualisation panel of one {@link PanelKind}; {@code options} match the kind. */
public record Panel(
    int id,
    String type,
    String title,
    String description,
    DataSourceRef datasource,
    GridPos gridPos,
    List<Target> targets,
    FieldConfigSource fieldConfig,
    PanelOptions options,
    List<Transformation> transformations,
    String interval,
    Integer maxDataPoints)
    implements PanelItem {
  public Panel {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(gridPos, "gridPos");
    Objects.requireNonNull(fieldConfig, "fieldConfig");
    Objects.requireNonNull(options, "options");
    targets = List.copyOf(targets);
    transformations = List.copyOf(transformations);
    if (!options.kind().id().equals(type)) {
      throw new IllegalArgumentException(
          "options of " + options.kind().id() + " on a " + type + " panel");
    }
  }

  public PanelKind kind() {
    return options.kind();
  }
}
