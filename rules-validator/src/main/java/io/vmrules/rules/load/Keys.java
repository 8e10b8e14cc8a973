package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.Suggestions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The keys each level of a rule file may have, in Prometheus and in vmalert. */
final class Keys {
  static final List<String> GROUP_TYPES = List.of("prometheus", "graphite", "vlogs");

  /** Labels the engine sets on alerts itself. */
  static final Set<String> RESERVED_RULE_LABELS = Set.of("alertname", "alertstate", "alertgroup");

  static final Schema FILE = new Schema(Set.of("groups"), Set.of());
  static final Schema GROUP =
      new Schema(
          Set.of("name", "interval", "rules", "limit", "query_offset", "labels"),
          Set.of(
              "concurrency",
              "eval_offset",
              "eval_delay",
              "params",
              "headers",
              "notifier_headers",
              "type",
              "debug",
              "eval_alignment"));
  static final Schema RULE =
      new Schema(
          Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"),
          Set.of("debug", "update_entries_limit"));

  private Keys() {}

  /** Keys Prometheus knows, and the ones only vmalert knows. */
  record Schema(Set<String> prometheus, Set<String> vmalertOnly) {
    /** Why {@code key} is not allowed, or empty when it is. */
    Optional<String> check(String key, Dialect dialect, String where) {
      if (prometheus.contains(key) || (dialect == Dialect.METRICSQL && vmalertOnly.contains(key))) {
        return Optional.empty();
      }
      if (vmalertOnly.contains(key)) {
        return Optional.of(
            "key \""
                + key
                + "\" in "
                + where
                + " is vmalert-only; Prometheus rejects it (use --dialect metricsql for vmalert files)");
      }
      String suggestion =
          closest(key, dialect).map(s -> "; did you mean \"" + s + "\"?").orElse("");
      return Optional.of("unknown key \"" + key + "\" in " + where + suggestion);
    }

    private Optional<String> closest(String key, Dialect dialect) {
      java.util.stream.Stream<String> known =
          dialect == Dialect.METRICSQL
              ? java.util.stream.Stream.concat(prometheus.stream(), vmalertOnly.stream())
              : prometheus.stream();
      return Suggestions.closest(key, known.toList());
    }
  }
}
