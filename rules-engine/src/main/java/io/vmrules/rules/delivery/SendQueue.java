package io.vmrules.rules.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Where items wait for a {@link RetryingSender}: the queue policy is the adapter's. Not
 * thread-safe: the sender calls it under its lock.
 */
public interface SendQueue<T> {
  /** Adds {@code items}; returns how many items the bound made it drop. */
  int add(List<T> items);

  int size();

  /**
   * Up to {@code max} items to send next, oldest first. A FIFO queue hands them over; a coalescing
   * one keeps them queued until {@link #finished}, so that a newer state of one replaces it.
   */
  List<T> next(int max);

  /**
   * The batch from {@link #next} is delivered or given up; returns how many of its items left the
   * queue only now or with {@link #next} (those still queued are someone else's to count).
   */
  int finished(List<T> batch);

  /**
   * What to try again after {@code batch} failed: a FIFO queue the same batch; a coalescing one its
   * head again, so a retry carries each alert's newest state and not what the bound evicted.
   */
  List<T> retry(List<T> batch, int max);

  /** Empties the queue; returns how many items it held. */
  int clear();

  /** First in, first out; when full, new items are dropped (remote write: order matters). */
  static <T> SendQueue<T> fifo(int capacity) {
    return new Fifo<>(capacity);
  }

  /**
   * One item per key, the newest (Alertmanager: a long outage delivers each alert's latest state
   * once, not every re-send); when full, the oldest key is dropped.
   */
  static <K, T> SendQueue<T> coalescing(int capacity, Function<T, K> key) {
    return new Coalescing<>(capacity, key);
  }

  /** {@link #fifo}. */
  final class Fifo<T> implements SendQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();

    private Fifo(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
      }
      this.capacity = capacity;
    }

    @Override
    public int add(List<T> batch) {
      int dropped = 0;
      for (T t : batch) {
        if (items.size() < capacity) {
          items.addLast(t);
        } else {
          dropped++;
        }
      }
      return dropped;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public List<T> next(int max) {
      List<T> out = new ArrayList<>(Math.min(max, items.size()));
      while (out.size() < max && !items.isEmpty()) {
        out.add(items.pollFirst());
      }
      return out;
    }

    @Override
    public int finished(List<T> batch) {
      return batch.size();
    }

    @Override
    public List<T> retry(List<T> batch, int max) {
      return batch;
    }

    @Override
    public int clear() {
      int n = items.size();
      items.clear();
      return n;
    }
  }

  /** {@link #coalescing}. */
  final class Coalescing<K, T> implements SendQueue<T> {
    private final int capacity;
    private final Function<T, K> key;
    private final LinkedHashMap<K, T> items = new LinkedHashMap<>();

    private Coalescing(int capacity, Function<T, K> key) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
      }
      this.capacity = capacity;
      this.key = key;
    }

    @Override
    public int add(List<T> batch) {
      int dropped = 0;
      for (T t : batch) {
        if (items.put(key.apply(t), t) == null && items.size() > capacity) {
          Iterator<K> oldest = items.keySet().iterator();
          oldest.next();
          oldest.remove();
          dropped++;
        }
      }
      return dropped;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public List<T> next(int max) {
      List<T> out = new ArrayList<>(Math.min(max, items.size()));
      for (T t : items.values()) {
        if (out.size() == max) {
          break;
        }
        out.add(t);
      }
      return out;
    }

    /** Removes the batch's items, unless a newer state of one replaced it meanwhile. */
    @Override
    public int finished(List<T> batch) {
      int removed = 0;
      for (T t : batch) {
        if (items.remove(key.apply(t), t)) {
          removed++;
        }
      }
      return removed;
    }

    @Override
    public List<T> retry(List<T> batch, int max) {
      return next(max);
    }

    @Override
    public int clear() {
      int n = items.size();
      items.clear();
      return n;
    }
  }
}
