package io.vmrules.promql.ast;

import java.util.List;

/** {@code by (labels)} or {@code without (labels)} on an aggregation. */
public record Grouping(boolean without, List<String> labels) {
  public Grouping {
    labels = List.copyOf(labels);
  }
}
