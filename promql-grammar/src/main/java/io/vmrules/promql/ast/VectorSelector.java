package io.vmrules.promql.ast;

import io.vmrules.promql.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An instant-vector selector {@code name{matchers} offset D @ T}.
 *
 * @param name metric name, or null when only matchers are given
 * @param matcherGroups the filters; more than one group only for MetricsQL {@code {a="1" or b="2"}}
 * @param offset null when absent
 * @param at the {@code @} modifier (a number, {@code start()}, {@code end()}, or in MetricsQL any
 *     expression), null when absent
 * @param rangeModifier Prometheus' experimental {@code anchored} or {@code smoothed}, of the
 *     selector or of the range over it
 */
public record VectorSelector(
    String name,
    List<List<LabelMatcher>> matcherGroups,
    Duration offset,
    Expr at,
    RangeModifier rangeModifier,
    Span span)
    implements Expr {
  public VectorSelector {
    Objects.requireNonNull(rangeModifier);
    Objects.requireNonNull(span);
    matcherGroups =
        matcherGroups.size() == 1
            ? List.of(List.copyOf(matcherGroups.get(0)))
            : copyEach(matcherGroups);
  }

  public VectorSelector(
      String name, List<List<LabelMatcher>> matcherGroups, Duration offset, Expr at, Span span) {
    this(name, matcherGroups, offset, at, RangeModifier.NONE, span);
  }

  /** Loops rather than a stream: a selector is built for every one in every expression checked. */
  private static List<List<LabelMatcher>> copyEach(List<List<LabelMatcher>> groups) {
    List<List<LabelMatcher>> copies = new ArrayList<>(groups.size());
    for (List<LabelMatcher> group : groups) {
      copies.add(List.copyOf(group));
    }
    return List.copyOf(copies);
  }

  public static VectorSelector named(String name) {
    return new VectorSelector(name, List.of(List.of()), null, null, Span.NONE);
  }

  /** The matchers of the single group (PromQL form); all matchers when there are several groups. */
  public List<LabelMatcher> matchers() {
    return matcherGroups.size() == 1
        ? matcherGroups.get(0)
        : matcherGroups.stream().flatMap(List::stream).toList();
  }

  public VectorSelector withModifiers(Duration newOffset, Expr newAt) {
    return new VectorSelector(name, matcherGroups, newOffset, newAt, rangeModifier, span);
  }

  /** This selector with {@code modifier}, spanning {@code newSpan}. */
  public VectorSelector withRangeModifier(RangeModifier modifier, Span newSpan) {
    return new VectorSelector(name, matcherGroups, offset, at, modifier, newSpan);
  }
}
