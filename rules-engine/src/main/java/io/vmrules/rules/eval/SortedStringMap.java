package io.vmrules.rules.eval;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable map of strings in key order, held in one array of interleaved keys and values. An
 * engine holds the rendered annotations of every alert (and of its last notification, the same
 * instance): one or two entries each, where an unmodifiable TreeMap costs a wrapper, the map and a
 * node per entry. Equal to, and hashing as, any map with the same entries.
 */
public final class SortedStringMap extends AbstractMap<String, String> {
  private static final SortedStringMap EMPTY = new SortedStringMap(new String[0]);

  private final String[] pairs;

  private SortedStringMap(String[] pairs) {
    this.pairs = pairs;
  }

  /**
   * The entries of {@code map} sorted by key; returns {@code map} itself when it is one already.
   */
  public static SortedStringMap copyOf(Map<String, String> map) {
    if (map instanceof SortedStringMap s) {
      return s;
    }
    if (map.isEmpty()) {
      return EMPTY;
    }
    // natural order, null keys refused: as the TreeMap copies this replaces
    TreeMap<String, String> sorted =
        map instanceof TreeMap<String, String> t && t.comparator() == null ? t : new TreeMap<>(map);
    String[] p = new String[2 * sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      p[i++] = Objects.requireNonNull(e.getKey(), "key");
      p[i++] = e.getValue();
    }
    return new SortedStringMap(p);
  }

  @Override
  public int size() {
    return pairs.length / 2;
  }

  @Override
  public boolean isEmpty() {
    return pairs.length == 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    return key instanceof String k ? SortedPairs.indexOf(pairs, k) : -1;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return pairs.length / 2;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < pairs.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= pairs.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> e =
                new AbstractMap.SimpleImmutableEntry<>(pairs[next], pairs[next + 1]);
            next += 2;
            return e;
          }
        };
      }
    };
  }
}
