package io.vmrules.rules.reload;

import io.vmrules.rules.eval.Labels;
import java.util.List;
import java.util.Optional;

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

  /** Replaces what the group wrote last with {@code series} (another engine wrote them). */
  void restore(String groupKey, List<Labels> series);
}
