package io.vmrules.promql;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for unknown names: the closest known name within a small edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The known name closest to {@code input}, if one is close enough to be a plausible typo. Ties go
   * to names that extend what was typed ("rat" suggests "rate", not "rad"), then alphabetically.
   */
  public static Optional<String> closest(String input, Collection<String> known) {
    String typed = input.toLowerCase(java.util.Locale.ROOT);
    int limit = Math.max(1, Math.min(3, typed.length() / 3));
    return known.stream()
        .filter(k -> Math.abs(k.length() - typed.length()) <= limit)
        .map(
            k ->
                new Candidate(
                    k,
                    editDistance(k.toLowerCase(java.util.Locale.ROOT), typed),
                    k.startsWith(typed)))
        .filter(c -> c.distance <= limit)
        .min(
            Comparator.comparingInt(Candidate::distance)
                .thenComparing(c -> !c.extendsInput)
                .thenComparing(Candidate::name))
        .map(Candidate::name);
  }

  private record Candidate(String name, int distance, boolean extendsInput) {}

  /** Levenshtein distance, two rows. */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
