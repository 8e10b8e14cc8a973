package io.vmrules.rules.testing;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers queries from a table set by the test: expression to series, or to an error. */
public final class FakeQuerier implements Querier {
  private final Map<String, List<Sample>> answers = new ConcurrentHashMap<>();
  private final Map<String, String> errors = new ConcurrentHashMap<>();
  private final List<QueryRequest> requests = new CopyOnWriteArrayList<>();

  /** From now on, {@code expr} returns one series per label set, each with {@code value}. */
  public FakeQuerier answer(String expr, double value, Labels... series) {
    List<Sample> samples = new ArrayList<>();
    for (Labels l : series) {
      samples.add(new Sample(l, value, 0));
    }
    answers.put(expr, samples);
    errors.remove(expr);
    return this;
  }

  public FakeQuerier answer(String expr, List<Sample> samples) {
    answers.put(expr, List.copyOf(samples));
    errors.remove(expr);
    return this;
  }

  public FakeQuerier fail(String expr, String message) {
    errors.put(expr, message);
    return this;
  }

  public List<QueryRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public QueryResult query(QueryRequest request) {
    requests.add(request);
    String error = errors.get(request.expr());
    if (error != null) {
      throw new QueryException(error);
    }
    return new QueryResult.Vector(answers.getOrDefault(request.expr(), List.of()));
  }
}
