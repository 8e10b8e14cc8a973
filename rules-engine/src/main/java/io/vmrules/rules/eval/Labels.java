package io.vmrules.rules.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable set of labels sorted by name (plain {@link String#compareTo} order, so {@code
 * __name__} comes before lower-case names as remote write expects). Empty values are dropped, as
 * Prometheus treats an empty label as an absent one.
 */
public final class Labels implements Comparable<Labels> {
  /** The label that holds a series' metric name. */
  public static final String METRIC_NAME = "__name__";

  private static final Labels EMPTY = new Labels(new String[0]);

  // Names and values interleaved (name 0, value 0, name 1, …) in one array: an engine holds tens of
  // thousands of label sets (alerts, the series written last), and one array instead of two saves
  // an array header and a reference on each. The hash is not cached either (a 16-byte object
  // instead of 24): strings cache theirs, so it is a short loop, and hashing is rare next to
  // holding.
  private final String[] pairs;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /**
   * The hash of the names and values as two arrays had it, so fingerprints of series sets (which
   * engines of a cluster compare, see {@code SeriesLedger}) stay those of earlier versions.
   */
  private static int hash(String[] pairs) {
    int names = 1;
    int values = 1;
    for (int i = 0; i < pairs.length; i += 2) {
      names = 31 * names + pairs[i].hashCode();
      values = 31 * values + pairs[i + 1].hashCode();
    }
    return 31 * names + values;
  }

  public static Labels empty() {
    return EMPTY;
  }

  /** Labels from alternating names and values: {@code of("job", "api", "env", "prod")}. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return from(map);
  }

  public static Labels from(Map<String, String> map) {
    if (map instanceof SortedMap<String, String> s && s.comparator() == null) {
      return fromSorted(s); // already in String order (the builder's, the query parser's): no copy
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "label name");
          if (v != null && !v.isEmpty()) {
            sorted.put(k, v);
          }
        });
    return fromSorted(sorted);
  }

  /** Labels from a map in natural String order; empty and null values are dropped. */
  private static Labels fromSorted(SortedMap<String, String> sorted) {
    int size = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      Objects.requireNonNull(e.getKey(), "label name");
      String v = e.getValue();
      if (v != null && !v.isEmpty()) {
        size++;
      }
    }
    if (size == 0) {
      return EMPTY;
    }
    String[] p = new String[2 * size];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String value = e.getValue();
      if (value != null && !value.isEmpty()) {
        p[i++] = e.getKey();
        p[i++] = value;
      }
    }
    return new Labels(p);
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  /** The value of a label, or null when absent. */
  public String get(String name) {
    int i = SortedPairs.indexOf(pairs, name);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  public String name(int i) {
    return pairs[2 * i];
  }

  public String value(int i) {
    return pairs[2 * i + 1];
  }

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < pairs.length; i += 2) {
      action.accept(pairs[i], pairs[i + 1]);
    }
  }

  /** The labels as a sorted, unmodifiable map. */
  public Map<String, String> asMap() {
    TreeMap<String, String> map = new TreeMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** These labels with one label set (or removed when value is null or empty). */
  public Labels with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  public Labels without(String name) {
    return get(name) == null ? this : toBuilder().set(name, null).build();
  }

  public static Builder builder() {
    return new Builder(EMPTY);
  }

  /** Collects labels; later values win. */
  public static final class Builder {
    private final TreeMap<String, String> map = new TreeMap<>();

    private Builder(Labels base) {
      base.forEach(map::put);
    }

    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        map.remove(name);
      } else {
        map.put(name, value);
      }
      return this;
    }

    public Builder setAll(Map<String, String> labels) {
      labels.forEach(this::set);
      return this;
    }

    public Builder remove(String name) {
      map.remove(name);
      return this;
    }

    public Labels build() {
      return from(map);
    }
  }

  @Override
  public int compareTo(Labels o) {
    // name, then value, pair by pair: the interleaved order compares exactly so
    int n = Math.min(pairs.length, o.pairs.length);
    for (int i = 0; i < n; i++) {
      int c = pairs[i].compareTo(o.pairs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pairs.length, o.pairs.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && Arrays.equals(pairs, l.pairs);
  }

  @Override
  public int hashCode() {
    return hash(pairs);
  }

  /** {@code {a="1", b="2"}} with Go-style escapes, as Prometheus prints label sets. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[i]).append("=\"");
      for (char c : pairs[i + 1].toCharArray()) {
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }
}
