package io.vmrules.dashboards.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/** A reference to a datasource: by plugin type and uid (a fixed uid or {@code ${ds}}). */
public record DataSourceRef(String type, String uid) {
  public static final String PROMETHEUS = "prometheus";

  public DataSourceRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(uid, "uid");
  }

  public static DataSourceRef prometheus(String uid) {
    return new DataSourceRef(PROMETHEUS, uid);
  }

  /** Grafana's "-- Mixed --" datasource: each target names its own. */
  public static DataSourceRef mixed() {
    return new DataSourceRef("datasource", "-- Mixed --");
  }

  /** The built-in Grafana datasource (annotations). */
  public static DataSourceRef grafana() {
    return new DataSourceRef("grafana", "-- Grafana --");
  }

  @JsonIgnore
  public boolean isMixed() {
    return "-- Mixed --".equals(uid);
  }
}
