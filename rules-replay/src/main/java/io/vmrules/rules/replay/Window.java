package io.vmrules.rules.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of the replayed range that every group goes through before the next one starts: {@code
 * [start, end)}, or {@code [start, end]} for the last. A replay that stops in a window has written
 * everything before its start, so {@code --from start} resumes it.
 */
public record Window(Instant start, Instant end, boolean last) {
  /** {@code [from, to]} cut into windows of {@code length} (the last may be shorter). */
  public static List<Window> split(Instant from, Instant to, Duration length) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("empty range: " + from + " to " + to);
    }
    List<Window> out = new ArrayList<>();
    Instant s = from;
    while (true) {
      Instant e = s.plus(length);
      if (!e.isBefore(to)) {
        out.add(new Window(s, to, true));
        return out;
      }
      out.add(new Window(s, e, false));
      s = e;
    }
  }

  /** The slots of {@code grid} in this window, in Unix milliseconds. */
  public long[] slots(SlotGrid grid) {
    return grid.slots(start.toEpochMilli(), end.toEpochMilli(), last);
  }
}
