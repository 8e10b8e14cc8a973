package io.vmrules.rules.eval;

/**
 * Lookups in an array of names and values interleaved and sorted by name ({@link Labels}, {@link
 * SortedStringMap}).
 */
final class SortedPairs {
  private SortedPairs() {}

  /** The pair index of {@code name} (its value is at {@code 2 * i + 1}), or -1 when absent. */
  static int indexOf(String[] pairs, String name) {
    int lo = 0;
    int hi = pairs.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
