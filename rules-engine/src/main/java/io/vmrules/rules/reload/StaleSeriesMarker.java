package io.vmrules.rules.reload;

import io.vmrules.rules.eval.EvaluationListener;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Prometheus staleness markers (the special NaN {@code 0x7ff0000000000002}) so series the
 * engine stops writing end at once instead of lingering for the lookback window: after each
 * evaluation for the series the group wrote last time but not this time (an alert resolved or
 * changed state, a recording result vanished, a query failed — as Prometheus does), and for every
 * series of a group a reload removed.
 */
public final class StaleSeriesMarker implements EvaluationListener, RunningRules.RemovedGroups {
  /** Prometheus' staleness marker. */
  public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  private final SeriesWriter writer;
  private final Map<String, Set<Labels>> lastWritten = new ConcurrentHashMap<>();

  public StaleSeriesMarker(SeriesWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  public static boolean isStaleMarker(double v) {
    return Double.doubleToRawLongBits(v) == 0x7ff0000000000002L;
  }

  @Override
  public void evaluated(GroupSnapshot group, GroupEvaluation evaluation) {
    Set<Labels> now = new HashSet<>();
    for (Sample s : evaluation.series()) {
      now.add(s.labels());
    }
    Set<Labels> before = lastWritten.put(group.spec().key(), now);
    if (before == null) {
      return;
    }
    long stamp = stamp(group, evaluation.slot());
    List<Sample> stale = new ArrayList<>();
    for (Labels l : before) {
      if (!now.contains(l)) {
        stale.add(new Sample(l, STALE_NAN, stamp));
      }
    }
    if (!stale.isEmpty()) {
      writer.write(stale);
    }
  }

  @Override
  public void removed(GroupSnapshot last, Instant at) {
    Set<Labels> before = lastWritten.remove(last.spec().key());
    if (before == null || before.isEmpty()) {
      return;
    }
    List<Sample> stale = new ArrayList<>();
    for (Labels l : before) {
      stale.add(new Sample(l, STALE_NAN, at.toEpochMilli()));
    }
    writer.write(stale);
  }

  private static long stamp(GroupSnapshot group, Instant slot) {
    return (group.spec().queryOffset() == null ? slot : slot.minus(group.spec().queryOffset())).toEpochMilli();
  }
}
