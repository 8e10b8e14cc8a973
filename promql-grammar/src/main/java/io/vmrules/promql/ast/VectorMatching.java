package io.vmrules.promql.ast;

import java.util.List;

/**
 * Vector matching modifiers of a binary operation.
 *
 * @param on true for {@code on(…)}, false for {@code ignoring(…)}; {@code labels} is null when
 *     neither is given
 * @param group {@code group_left}/{@code group_right} or NONE
 * @param include labels listed in the group modifier
 * @param prefix MetricsQL {@code group_left(…) prefix "p"}; null when absent
 */
public record VectorMatching(
    boolean on, List<String> labels, Side group, List<String> include, String prefix) {
  /** Which side is the "many" side of a many-to-one match. */
  public enum Side {
    NONE,
    LEFT,
    RIGHT
  }

  public VectorMatching {
    labels = labels == null ? null : List.copyOf(labels);
    include = List.copyOf(include);
  }

  public boolean hasLabels() {
    return labels != null;
  }
}
