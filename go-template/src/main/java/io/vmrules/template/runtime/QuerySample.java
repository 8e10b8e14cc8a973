package io.vmrules.template.runtime;

import io.vmrules.template.value.GoStruct;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One element of an instant-query result as templates see it: {@code .Labels} and {@code .Value}.
 */
public record QuerySample(Map<String, String> labels, double value) implements GoStruct {
  public QuerySample {
    labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
  }

  @Override
  public String goTypeName() {
    return "*template.sample";
  }

  @Override
  public Optional<Object> field(String name) {
    return switch (name) {
      case "Labels" -> Optional.of(labels);
      case "Value" -> Optional.of(value);
      default -> Optional.empty();
    };
  }

  @Override
  public List<Object> printedFields() {
    return List.of(labels, value);
  }

  @Override
  public boolean printedAsPointer() {
    return true;
  }
}
