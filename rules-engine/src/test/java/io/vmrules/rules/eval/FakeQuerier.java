package io.vmrules.rules.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A querier answering from data given per expression: a fixed answer, or a function of the query
 * time. Unknown expressions answer an empty vector. Records every request.
 */
public final class FakeQuerier implements Querier {
  private final Map<String, Function<Instant, QueryResult>> answers = new ConcurrentHashMap<>();
  private final List<QueryRequest> requests = new CopyOnWriteArrayList<>();

  /** {@code expr} answers these samples from now on. */
  public FakeQuerier answer(String expr, Sample... samples) {
    QueryResult r = new QueryResult.Vector(List.of(samples));
    answers.put(expr, t -> r);
    return this;
  }

  public FakeQuerier answer(String expr, Function<Instant, QueryResult> answer) {
    answers.put(expr, answer);
    return this;
  }

  /** {@code expr} fails from now on. */
  public FakeQuerier fail(String expr, String message) {
    answers.put(
        expr,
        t -> {
          throw new QueryException(message);
        });
    return this;
  }

  public List<QueryRequest> requests() {
    return new ArrayList<>(requests);
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
