package io.vmrules.rules.api;

import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code GET /api/v1/rules}, as Prometheus names them: {@code type=alert|record},
 * {@code rule_name[]}, {@code rule_group[]}, {@code file[]} (each list matches any of its values;
 * an empty list matches everything), and {@code exclude_alerts=true}.
 */
public record RuleFilter(
    Type type,
    Set<String> ruleNames,
    Set<String> groupNames,
    Set<String> files,
    boolean excludeAlerts) {
  /** Which rules: all, alerting only, recording only. */
  public enum Type {
    ANY,
    ALERT,
    RECORD
  }

  public static final RuleFilter ALL =
      new RuleFilter(Type.ANY, Set.of(), Set.of(), Set.of(), false);

  public RuleFilter {
    ruleNames = Set.copyOf(ruleNames);
    groupNames = Set.copyOf(groupNames);
    files = Set.copyOf(files);
  }

  /**
   * Reads the filters from query parameters.
   *
   * @throws IllegalArgumentException on an unknown {@code type} or {@code exclude_alerts} value
   */
  public static RuleFilter parse(Map<String, List<String>> params) {
    Type type = Type.ANY;
    List<String> types = params.getOrDefault("type", List.of());
    if (!types.isEmpty()) {
      String t = types.get(types.size() - 1);
      type =
          switch (t) {
            case "alert" -> Type.ALERT;
            case "record" -> Type.RECORD;
            case "" -> Type.ANY;
            default ->
                throw new IllegalArgumentException(
                    "invalid type parameter \"" + t + "\": expected \"alert\" or \"record\"");
          };
    }
    boolean excludeAlerts = false;
    List<String> ex = params.getOrDefault("exclude_alerts", List.of());
    if (!ex.isEmpty()) {
      String v = ex.get(ex.size() - 1);
      if (!v.equals("true") && !v.equals("false") && !v.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid exclude_alerts parameter \"" + v + "\": expected true or false");
      }
      excludeAlerts = v.equals("true");
    }
    return new RuleFilter(
        type,
        Set.copyOf(params.getOrDefault("rule_name[]", List.of())),
        Set.copyOf(params.getOrDefault("rule_group[]", List.of())),
        Set.copyOf(params.getOrDefault("file[]", List.of())),
        excludeAlerts);
  }

  /** Whether any filter narrows the answer (then groups left without rules are left out). */
  public boolean narrows() {
    return type != Type.ANY || !ruleNames.isEmpty() || !groupNames.isEmpty() || !files.isEmpty();
  }

  public boolean matches(GroupSpec group) {
    return (groupNames.isEmpty() || groupNames.contains(group.name()))
        && (files.isEmpty() || files.contains(group.file()));
  }

  public boolean matches(RuleSpec rule) {
    boolean alerting = rule instanceof AlertingRuleSpec;
    if ((type == Type.ALERT && !alerting) || (type == Type.RECORD && alerting)) {
      return false;
    }
    return ruleNames.isEmpty() || ruleNames.contains(rule.name());
  }
}
