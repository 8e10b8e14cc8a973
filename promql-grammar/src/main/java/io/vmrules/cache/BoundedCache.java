package io.vmrules.cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo of at most about {@code capacity} entries, for values that are cheap to
 * compute again and expensive to compute often (compiled regexes, parsed templates). Two
 * generations: lookups read the young one, then the old one (promoting a hit); when the young one
 * is full it becomes the old one and the previous old one is dropped. So recently used entries
 * survive, memory stays bounded, and no lookup takes a lock.
 */
public final class BoundedCache<K, V> {
  private final int generationSize;
  private volatile ConcurrentHashMap<K, V> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<K, V> old = new ConcurrentHashMap<>();

  public BoundedCache(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
    }
    this.generationSize = capacity / 2;
  }

  /**
   * The value for {@code key}, computed by {@code compute} (which must not return null) if absent.
   */
  public V get(K key, Function<? super K, ? extends V> compute) {
    V v = young.get(key);
    if (v != null) {
      return v;
    }
    v = old.get(key);
    if (v == null) {
      v = Objects.requireNonNull(compute.apply(key), "computed value");
    }
    put(key, v);
    return v;
  }

  private void put(K key, V value) {
    ConcurrentHashMap<K, V> y = young;
    if (y.size() >= generationSize) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>();
        }
      }
    }
    young.put(key, value);
  }

  /** Entries held now (both generations; a key may be in both). */
  public int size() {
    return young.size() + old.size();
  }
}
