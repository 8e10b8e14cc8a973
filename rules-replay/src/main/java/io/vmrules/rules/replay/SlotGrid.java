package io.vmrules.rules.replay;

import java.time.Duration;

/**
 * Where a group's evaluations fall: every {@code interval} from the Unix epoch, shifted by the
 * group's {@code eval_offset}. Aligned slots make a replay reproducible whatever {@code --from}
 * says, and make a resumed replay evaluate exactly the slots the interrupted one had left.
 */
public record SlotGrid(long intervalMillis, long offsetMillis) {
  public SlotGrid {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("interval must be positive");
    }
    offsetMillis = Math.floorMod(offsetMillis, intervalMillis);
  }

  public static SlotGrid of(Duration interval, Duration evalOffset) {
    return new SlotGrid(interval.toMillis(), evalOffset == null ? 0 : evalOffset.toMillis());
  }

  /** The first slot at or after {@code millis}. */
  public long atOrAfter(long millis) {
    long k = Math.floorDiv(millis - offsetMillis + intervalMillis - 1, intervalMillis);
    return k * intervalMillis + offsetMillis;
  }

  /** The slots in {@code [start, end)}, or {@code [start, end]} when {@code endInclusive}. */
  public long[] slots(long start, long end, boolean endInclusive) {
    long first = atOrAfter(start);
    long limit = endInclusive ? end : end - 1;
    if (first > limit) {
      return new long[0];
    }
    int n = (int) ((limit - first) / intervalMillis) + 1;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = first + i * intervalMillis;
    }
    return out;
  }
}
