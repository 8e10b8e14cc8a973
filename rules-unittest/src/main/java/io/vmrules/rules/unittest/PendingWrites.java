package io.vmrules.rules.unittest;

import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.eval.SeriesWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule results held back until a query could read them: a write and a flush cost two requests, and
 * most results (ALERTS of every alerting rule, recorded series nobody reads at that tick) are never
 * queried before the next tick. A query whose text names a held metric, or selects by {@code
 * __name__}, sends everything first; {@link #flush()} sends the rest.
 */
final class PendingWrites implements SeriesWriter, Querier {
  private final LocalVictoriaMetrics vm;
  private final Querier querier;
  private final List<Sample> held = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  PendingWrites(LocalVictoriaMetrics vm, Querier querier) {
    this.vm = vm;
    this.querier = querier;
  }

  @Override
  public synchronized void write(List<Sample> samples) {
    for (Sample s : samples) {
      held.add(s);
      names.add(s.metricName());
    }
  }

  @Override
  public QueryResult query(QueryRequest request) {
    if (reads(request.expr())) {
      flush();
    }
    return querier.query(request);
  }

  private synchronized boolean reads(String expr) {
    if (held.isEmpty()) {
      return false;
    }
    if (expr.contains("__name__")) {
      return true;
    }
    for (String n : names) {
      if (expr.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /** Sends what is held and makes it searchable. */
  synchronized void flush() {
    if (held.isEmpty()) {
      return;
    }
    vm.write(List.copyOf(held));
    held.clear();
    names.clear();
  }
}
