package io.vmrules.dashboards.model;

import java.util.List;
import java.util.Objects;

/** Field defaults and per-field overrides. */
public record FieldConfigSource(FieldConfig defaults, List<FieldOverride> overrides) {
  public FieldConfigSource {
    Objects.requireNonNull(defaults, "defaults");
    overrides = List.copyOf(overrides);
  }

  /** An override: fields chosen by {@code matcher} get {@code properties}. */
  public record FieldOverride(Matcher matcher, List<Property> properties) {
    public FieldOverride {
      Objects.requireNonNull(matcher, "matcher");
      properties = List.copyOf(properties);
    }
  }

  /** A field matcher such as {@code byName} or {@code byRegexp}. */
  public record Matcher(String id, Object options) {
    public static Matcher byName(String name) {
      return new Matcher("byName", name);
    }

    public static Matcher byRegexp(String regexp) {
      return new Matcher("byRegexp", regexp);
    }

    public static Matcher byFrameRefId(String refId) {
      return new Matcher("byFrameRefID", refId);
    }
  }

  /** One overridden option, e.g. {@code unit} or {@code custom.axisPlacement}. */
  public record Property(String id, Object value) {}
}
