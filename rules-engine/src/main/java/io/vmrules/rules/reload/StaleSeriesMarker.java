package io.vmrules.rules.reload;

import io.vmrules.rules.eval.EvaluationListener;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Prometheus staleness markers (the special NaN {@code 0x7ff0000000000002}) so series the
 * engine stops writing end at once instead of lingering for the lookback window: after each
 * evaluation for the series the group wrote last time but not this time (an alert resolved or
 * changed state, a recording result vanished, a query failed — as Prometheus does), and for every
 * series of a group a reload removed.
 */
public final class StaleSeriesMarker
    implements EvaluationListener, RunningRules.RemovedGroups, SeriesLedger {
  /** Prometheus' staleness marker. */
  public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  private final SeriesWriter writer;
  // What each group wrote last, kept as a plain array: the set to look things up in is built per
  // evaluation and dies young, so the state that lives on costs 4 bytes a series, not a hash node.
  private final Map<String, Labels[]> lastWritten = new ConcurrentHashMap<>();
  // groups whose series changed since the cluster's store last took them
  private final Set<String> changed = ConcurrentHashMap.newKeySet();

  public StaleSeriesMarker(SeriesWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  public static boolean isStaleMarker(double v) {
    return Double.doubleToRawLongBits(v) == 0x7ff0000000000002L;
  }

  @Override
  public void evaluated(GroupSnapshot group, GroupEvaluation evaluation) {
    List<Sample> series = evaluation.series();
    Labels[] written = new Labels[series.size()];
    for (int i = 0; i < written.length; i++) {
      written[i] = series.get(i).labels();
    }
    String key = group.spec().key();
    Labels[] before = lastWritten.put(key, written);
    if (before == null || before.length == 0) {
      if (before == null || written.length > 0) {
        changed.add(key);
      }
      return;
    }
    Set<Labels> now = new HashSet<>(Arrays.asList(written));
    long stamp = stamp(group, evaluation.slot());
    List<Sample> stale = new ArrayList<>();
    for (Labels l : before) {
      if (!now.contains(l)) {
        stale.add(new Sample(l, STALE_NAN, stamp));
      }
    }
    // the same set when none vanished and as many are left (the labels of a write are unique)
    if (!stale.isEmpty() || before.length != now.size()) {
      changed.add(key);
    }
    if (!stale.isEmpty()) {
      writer.write(stale);
    }
  }

  @Override
  public Optional<List<Labels>> changed(String groupKey) {
    if (!changed.remove(groupKey)) {
      return Optional.empty();
    }
    Labels[] written = lastWritten.get(groupKey);
    return Optional.of(written == null ? List.of() : List.of(written));
  }

  @Override
  public void changedAgain(String groupKey) {
    if (lastWritten.containsKey(groupKey)) {
      changed.add(groupKey);
    }
  }

  @Override
  public OptionalLong fingerprint(String groupKey) {
    Labels[] written = lastWritten.get(groupKey);
    return written == null
        ? OptionalLong.empty()
        : OptionalLong.of(SeriesLedger.fingerprint(written));
  }

  @Override
  public void restore(String groupKey, List<Labels> series) {
    lastWritten.put(groupKey, series.toArray(Labels[]::new));
    changed.remove(groupKey);
  }

  @Override
  public void removed(GroupSnapshot last, Instant at) {
    removed(last.spec().key(), at);
  }

  /** Marks every series the group with key {@code groupKey} wrote last stale at {@code at}. */
  public void removed(String groupKey, Instant at) {
    changed.remove(groupKey);
    Labels[] before = lastWritten.remove(groupKey);
    if (before == null || before.length == 0) {
      return;
    }
    List<Sample> stale = new ArrayList<>();
    for (Labels l : before) {
      stale.add(new Sample(l, STALE_NAN, at.toEpochMilli()));
    }
    writer.write(stale);
  }

  /** Forgets a group without marking anything (another engine of a cluster marks it). */
  public void forget(String groupKey) {
    changed.remove(groupKey);
    lastWritten.remove(groupKey);
  }

  private static long stamp(GroupSnapshot group, Instant slot) {
    return (group.spec().queryOffset() == null ? slot : slot.minus(group.spec().queryOffset()))
        .toEpochMilli();
  }
}
