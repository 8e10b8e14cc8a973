package io.vmrules.rules.replay;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.RangeQuerier;
import io.vmrules.rules.eval.RangeRequest;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.eval.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A datasource and write target in memory for replay tests: source series are functions of time
 * (NaN: no point), written samples are kept in order. It answers the few query shapes the tests use
 * (synchronized: replay writes on a thread of its own): {@code name}, {@code name * K}, {@code name
 * > K}, replay's sample count, and the {@code ALERTS_FOR_STATE} restore. Queries matching {@link
 * #failWhen} fail.
 */
final class InMemoryStore implements RangeQuerier, SampleWriter {
  private static final Pattern SIMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\s*([*>])\\s*([0-9.]+))?");
  private static final Pattern RESTORE =
      Pattern.compile(
          "last_over_time\\(ALERTS_FOR_STATE\\{alertname=\"([^\"]+)\",alertgroup=\"([^\"]+)\"}\\[(\\d+)ms]\\)");

  private static final Pattern COUNT =
      Pattern.compile("sum\\(count_over_time\\(\\{(.*)}\\[(\\d+)ms]\\)\\)");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]+)(=~|=)\"([^\"]*)\"");

  private final Map<Labels, LongFunction<Double>> sources = new TreeMap<>();
  final List<Sample> written = new ArrayList<>();
  final List<RangeRequest> queries = new ArrayList<>();
  Predicate<RangeRequest> failWhen = q -> false;

  void source(Labels labels, LongFunction<Double> valueAtMillis) {
    sources.put(labels, valueAtMillis);
  }

  @Override
  public synchronized void write(List<RangeSeries> series) {
    for (RangeSeries s : series) {
      for (int i = 0; i < s.size(); i++) {
        written.add(new Sample(s.labels(), s.values()[i], s.timestampsMillis()[i]));
      }
    }
  }

  /** Written samples of metric {@code name}, as "labels@ts=value" lines in write order. */
  synchronized List<String> writtenLines(String name) {
    List<String> out = new ArrayList<>();
    for (Sample s : written) {
      if (name.equals(s.metricName())) {
        out.add(s.labels() + "@" + s.timestampMillis() + "=" + s.value());
      }
    }
    return out;
  }

  @Override
  public synchronized List<RangeSeries> queryRange(RangeRequest q) {
    queries.add(q);
    if (failWhen.test(q)) {
      throw new QueryException("injected failure");
    }
    long start = q.start().toEpochMilli();
    long end = q.end().toEpochMilli();
    long step = q.step().toMillis();
    Matcher count = COUNT.matcher(q.expr());
    if (count.matches()) {
      long window = Long.parseLong(count.group(2));
      List<String[]> matchers = new ArrayList<>();
      Matcher mm = MATCHER.matcher(count.group(1));
      while (mm.find()) {
        matchers.add(new String[] {mm.group(1), mm.group(2), mm.group(3)});
      }
      long n = 0;
      for (Sample s : written) {
        boolean ok = s.timestampMillis() > end - window && s.timestampMillis() <= end;
        for (String[] mt : matchers) {
          String v = s.labels().get(mt[0]);
          ok &= v != null && (mt[1].equals("=") ? v.equals(mt[2]) : v.matches(mt[2]));
        }
        n += ok ? 1 : 0;
      }
      return List.of(new RangeSeries(Labels.empty(), new long[] {end}, new double[] {n}));
    }
    Matcher restore = RESTORE.matcher(q.expr());
    if (restore.matches()) {
      long window = Long.parseLong(restore.group(3));
      Map<Labels, Sample> last = new TreeMap<>();
      for (Sample s : written) {
        if ("ALERTS_FOR_STATE".equals(s.metricName())
            && restore.group(1).equals(s.labels().get("alertname"))
            && restore.group(2).equals(s.labels().get("alertgroup"))
            && s.timestampMillis() > end - window
            && s.timestampMillis() <= end) {
          last.put(s.labels(), s);
        }
      }
      List<RangeSeries> out = new ArrayList<>();
      last.forEach(
          (l, s) -> out.add(new RangeSeries(l, new long[] {end}, new double[] {s.value()})));
      return out;
    }
    Matcher m = SIMPLE.matcher(q.expr().strip());
    if (!m.matches()) {
      throw new QueryException("unsupported expression " + q.expr());
    }
    String name = m.group(1);
    Map<Labels, List<double[]>> points = new TreeMap<>();
    for (long t = start; t <= end; t += step) {
      final long at = t;
      sources.forEach(
          (labels, f) -> {
            if (name.equals(labels.get("__name__"))) {
              Double v = f.apply(at);
              if (v != null && !v.isNaN()) {
                points.computeIfAbsent(labels, k -> new ArrayList<>()).add(new double[] {at, v});
              }
            }
          });
      for (Sample s : written) {
        if (name.equals(s.metricName()) && s.timestampMillis() == at) {
          points
              .computeIfAbsent(s.labels(), k -> new ArrayList<>())
              .add(new double[] {at, s.value()});
        }
      }
    }
    List<RangeSeries> out = new ArrayList<>();
    points.forEach(
        (labels, ps) -> {
          List<double[]> kept = new ArrayList<>();
          for (double[] p : ps) {
            double v = p[1];
            if (m.group(2) == null) {
              kept.add(p);
            } else if (m.group(2).equals("*")) {
              kept.add(new double[] {p[0], v * Double.parseDouble(m.group(3))});
            } else if (v > Double.parseDouble(m.group(3))) {
              kept.add(p);
            }
          }
          if (!kept.isEmpty()) {
            long[] ts = new long[kept.size()];
            double[] vs = new double[kept.size()];
            for (int i = 0; i < ts.length; i++) {
              ts[i] = (long) kept.get(i)[0];
              vs[i] = kept.get(i)[1];
            }
            Labels out2 = "*".equals(m.group(2)) ? labels.without("__name__") : labels;
            out.add(new RangeSeries(out2, ts, vs));
          }
        });
    return out;
  }
}
