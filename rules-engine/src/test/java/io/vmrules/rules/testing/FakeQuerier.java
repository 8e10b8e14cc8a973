package io.vmrules.rules.testing;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Querier;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Answers queries from a table set by the test: expression to series, to a function of the query
 * time, or to an error (the last call for an expression wins). Unknown expressions answer an empty
 * vector. Records every request.
 */
public final class FakeQuerier implements Querier {
  private final Map<String, Function<Instant, QueryResult>> answers = new ConcurrentHashMap<>();
  private final List<QueryRequest> requests = new CopyOnWriteArrayList<>();

  /** From now on, {@code expr} answers these samples. */
  public FakeQuerier answer(String expr, Sample... samples) {
    return answer(expr, List.of(samples));
  }

  public FakeQuerier answer(String expr, List<Sample> samples) {
    QueryResult r = new QueryResult.Vector(List.copyOf(samples));
    return answer(expr, t -> r);
  }

  /** From now on, {@code expr} returns one series per label set, each with {@code value}. */
  public FakeQuerier answer(String expr, double value, Labels... series) {
    List<Sample> samples = new ArrayList<>();
    for (Labels l : series) {
      samples.add(new Sample(l, value, 0));
    }
    return answer(expr, samples);
  }

  public FakeQuerier answer(String expr, Function<Instant, QueryResult> answer) {
    answers.put(expr, answer);
    return this;
  }

  /** From now on, {@code expr} fails. */
  public FakeQuerier fail(String expr, String message) {
    return answer(
        expr,
        t -> {
          throw new QueryException(message);
        });
  }

  public List<QueryRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public QueryResult query(QueryRequest request) {
    requests.add(request);
    Function<Instant, QueryResult> answer = answers.get(request.expr());
    return answer == null ? new QueryResult.Vector(List.of()) : answer.apply(request.time());
  }

  /** A sample with labels from alternating names and values, value {@code v}, at time 0. */
  public static Sample sample(double v, String... labels) {
    return new Sample(Labels.of(labels), v, 0);
  }
}
