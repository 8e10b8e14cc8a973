package io.vmrules.rules.model;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rule group as written in a rule file.
 *
 * @param interval null means the engine's default evaluation interval
 * @param limit 0 means no limit
 * @param concurrency 1 means rules run in order
 * @param evalOffset null when absent
 * @param queryOffset {@code query_offset} or vmalert's {@code eval_delay}; null when absent
 * @param type datasource type ({@code prometheus} by default)
 */
public record GroupSpec(
    String file,
    String name,
    Duration interval,
    int limit,
    int concurrency,
    Duration evalOffset,
    Duration queryOffset,
    Map<String, String> labels,
    Map<String, List<String>> params,
    Map<String, String> headers,
    Map<String, String> notifierHeaders,
    String type,
    List<RuleSpec> rules,
    SourcePosition position) {
  public GroupSpec {
    Objects.requireNonNull(file);
    Objects.requireNonNull(name);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    params = Collections.unmodifiableMap(new TreeMap<>(params));
    headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    notifierHeaders = Collections.unmodifiableMap(new TreeMap<>(notifierHeaders));
    type = type == null ? "prometheus" : type;
    rules = List.copyOf(rules);
    concurrency = Math.max(1, concurrency);
  }

  /** A group without notifier_headers. */
  public GroupSpec(
      String file,
      String name,
      Duration interval,
      int limit,
      int concurrency,
      Duration evalOffset,
      Duration queryOffset,
      Map<String, String> labels,
      Map<String, List<String>> params,
      Map<String, String> headers,
      String type,
      List<RuleSpec> rules,
      SourcePosition position) {
    this(
        file,
        name,
        interval,
        limit,
        concurrency,
        evalOffset,
        queryOffset,
        labels,
        params,
        headers,
        Map.of(),
        type,
        rules,
        position);
  }

  /** Identity of the group across reloads: file and name. */
  public String key() {
    return file + "\u0000" + name;
  }

  /** The same group holding {@code rules} instead of its own. */
  public GroupSpec withRules(List<RuleSpec> rules) {
    return with(rules, position);
  }

  private GroupSpec with(List<RuleSpec> rules, SourcePosition position) {
    return new GroupSpec(
        file,
        name,
        interval,
        limit,
        concurrency,
        evalOffset,
        queryOffset,
        labels,
        params,
        headers,
        notifierHeaders,
        type,
        rules,
        position);
  }

  /**
   * The group as defined, where it sits in its file aside: two groups are the same definition when
   * these are equal (a reload keeps such a group running; a cluster compares engines' files by it).
   */
  public GroupSpec withoutPositions() {
    List<RuleSpec> unplaced = new java.util.ArrayList<>(rules.size());
    for (RuleSpec r : rules) {
      unplaced.add(
          r instanceof AlertingRuleSpec a
              ? new AlertingRuleSpec(
                  a.name(),
                  a.expr(),
                  a.forDuration(),
                  a.keepFiringFor(),
                  a.labels(),
                  a.annotations(),
                  null)
              : new RecordingRuleSpec(r.name(), r.expr(), r.labels(), null));
    }
    return with(unplaced, null);
  }
}
