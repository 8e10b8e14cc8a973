package io.vmrules.template.value;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Go {@code map[string]interface{}} (what {@code args} returns). Plain {@link Map}s are {@code
 * map[string]string}; the difference shows for a missing key, whose zero value is {@code <no
 * value>} here and the empty string there.
 */
public final class AnyMap extends TreeMap<String, Object> {
  public AnyMap() {}

  public AnyMap(Map<String, ?> entries) {
    super(entries);
  }
}
