package io.vmrules.rules.model;

import java.util.List;
import java.util.Objects;

/** A group and its loaded rules, in file order. */
public record LoadedGroup(GroupSpec spec, List<LoadedRule> rules) {
  public LoadedGroup {
    Objects.requireNonNull(spec);
    rules = List.copyOf(rules);
  }
}
