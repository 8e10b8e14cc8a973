package io.vmrules.rules.reload;

import io.vmrules.rules.eval.Labels;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: the series a group wrote at its last evaluation, exported with the group's state in a
 * cluster and restored by the engine that takes the group over, so the series that vanish at its
 * next evaluation get their staleness markers there, once.
 */
public interface SeriesLedger {
  /**
   * The series the group with key {@code groupKey} wrote last, if they changed since the previous
   * call (or a restore); empty when the stored ones are still right. Most evaluations write the
   * same series as the last, so the store rewrites them rarely.
   */
  Optional<List<Labels>> changed(String groupKey);

  /**
   * Hands the group's series to the next {@link #changed} again: a store that took them failed, and
   * the stored ones would stay stale until the set changed once more.
   */
  void changedAgain(String groupKey);

  /** Replaces what the group wrote last with {@code series} (another engine wrote them). */
  void restore(String groupKey, List<Labels> series);

  /** A fingerprint of what the group wrote last (see {@link #fingerprint(Labels[])}), if known. */
  OptionalLong fingerprint(String groupKey);

  /**
   * An order-independent fingerprint of a set of series: the same on every engine for the same set
   * (label hashes are those of their strings), so a store can tell an engine it holds the set
   * already.
   */
  static long fingerprint(Labels[] series) {
    long sum = series.length;
    for (Labels l : series) {
      long z = l.hashCode() * 0x9e3779b97f4a7c15L;
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      sum += z ^ (z >>> 31);
    }
    return sum;
  }
}
