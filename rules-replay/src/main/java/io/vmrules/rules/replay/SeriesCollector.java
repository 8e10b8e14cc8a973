package io.vmrules.rules.replay;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.eval.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers samples into series by label set, in the order the label sets first came. */
final class SeriesCollector {
  private final Map<Labels, Points> series = new LinkedHashMap<>();

  private static final class Points {
    long[] ts = new long[8];
    double[] vs = new double[8];
    int n;
  }

  void add(Sample s) {
    Points p = series.computeIfAbsent(s.labels(), k -> new Points());
    if (p.n == p.ts.length) {
      p.ts = Arrays.copyOf(p.ts, p.n * 2);
      p.vs = Arrays.copyOf(p.vs, p.n * 2);
    }
    p.ts[p.n] = s.timestampMillis();
    p.vs[p.n++] = s.value();
  }

  List<RangeSeries> series() {
    List<RangeSeries> out = new ArrayList<>(series.size());
    series.forEach(
        (labels, p) ->
            out.add(new RangeSeries(labels, Arrays.copyOf(p.ts, p.n), Arrays.copyOf(p.vs, p.n))));
    return out;
  }
}
