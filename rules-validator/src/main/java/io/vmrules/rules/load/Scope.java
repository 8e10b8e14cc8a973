package io.vmrules.rules.load;

import java.util.Objects;

/**
 * Where a finding of the schema walk belongs: its group and rule, empty when it has none (a finding
 * about the file, or about a group's own keys). One value instead of two strings that are easy to
 * swap.
 */
record Scope(String group, String rule) {
  static final Scope FILE = new Scope("", "");

  Scope {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(rule, "rule");
  }

  static Scope group(String group) {
    return new Scope(group, "");
  }

  /** This group's rule {@code rule}. */
  Scope rule(String rule) {
    return new Scope(group, rule);
  }
}
