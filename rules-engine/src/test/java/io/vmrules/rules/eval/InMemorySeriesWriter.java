package io.vmrules.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every written sample, in order. */
public final class InMemorySeriesWriter implements SeriesWriter {
  private final List<Sample> samples = new CopyOnWriteArrayList<>();

  @Override
  public void write(List<Sample> batch) {
    samples.addAll(batch);
  }

  public List<Sample> samples() {
    return new ArrayList<>(samples);
  }

  /** The samples of one metric name. */
  public List<Sample> named(String name) {
    return samples.stream().filter(s -> name.equals(s.metricName())).toList();
  }

  public void clear() {
    samples.clear();
  }
}
