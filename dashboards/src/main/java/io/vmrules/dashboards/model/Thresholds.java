package io.vmrules.dashboards.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Absolute or percentage thresholds; the first step has no value (it is the base colour). */
public record Thresholds(String mode, List<Step> steps) {
  public Thresholds {
    Objects.requireNonNull(mode, "mode");
    steps = List.copyOf(steps);
    if (steps.isEmpty() || steps.get(0).value() != null) {
      throw new IllegalArgumentException("the first threshold step has a null value");
    }
    for (int i = 1; i < steps.size(); i++) {
      Double v = steps.get(i).value();
      if (v == null || (i > 1 && v <= steps.get(i - 1).value())) {
        throw new IllegalArgumentException("threshold steps after the first increase strictly");
      }
    }
  }

  /** A step: from {@code value} upwards the colour is {@code color}. */
  public record Step(@JsonInclude(JsonInclude.Include.ALWAYS) Double value, String color) {
    public Step {
      Objects.requireNonNull(color, "color");
    }
  }

  /** {@code base} below the first value, then each colour from its value: base, v1, c1, v2, c2… */
  public static Thresholds absolute(String base, Object... valueColorPairs) {
    if (valueColorPairs.length % 2 != 0) {
      throw new IllegalArgumentException("value/colour pairs expected");
    }
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(null, base));
    for (int i = 0; i < valueColorPairs.length; i += 2) {
      steps.add(
          new Step(((Number) valueColorPairs[i]).doubleValue(), (String) valueColorPairs[i + 1]));
    }
    return new Thresholds("absolute", steps);
  }

  /** Green, nothing else: panels where no value is bad. */
  public static Thresholds ok() {
    return absolute("green");
  }
}
