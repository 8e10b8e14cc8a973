package io.vmrules.rules.ui;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every URL the pages link to. Links inside the UI are relative ({@code rule?…}), so the pages work
 * behind a proxy that adds a path prefix; query values are percent-encoded here and the whole URL
 * is HTML-escaped by {@link Html} when written.
 */
final class Links {
  private Links() {}

  static final String ALERTS = "./";
  static final String GROUPS = "groups";
  static final String STATUS = "status";

  /** The rule page. */
  static String rule(GroupSpec group, RuleSpec rule) {
    return "rule?" + ruleQuery(group, rule);
  }

  /** The JSON behind the rule page. */
  static String ruleJson(GroupSpec group, RuleSpec rule) {
    return "api/v1/rule?" + ruleQuery(group, rule);
  }

  private static String ruleQuery(GroupSpec group, RuleSpec rule) {
    return "group="
        + encode(group.name())
        + "&file="
        + encode(group.file())
        + "&rule="
        + encode(rule.name());
  }

  /**
   * The expression in VictoriaMetrics' vmui ({@code --datasource.uiURL}, e.g. {@code
   * http://127.0.0.1:8428/vmui}), over the last hour; null without that flag.
   */
  static String vmui(String uiUrl, String expr) {
    if (uiUrl == null) {
      return null;
    }
    return trimSlash(uiUrl) + "/#/?g0.expr=" + encode(expr) + "&g0.range_input=1h&g0.tab=0";
  }

  /**
   * Alertmanager's new-silence form with a matcher per label of the alert ({@code
   * #/silences/new?filter={a="b",…}}); null without {@code --notifier.url}.
   */
  static String silence(String alertmanagerUrl, Labels labels) {
    if (alertmanagerUrl == null) {
      return null;
    }
    StringBuilder filter = new StringBuilder("{");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        filter.append(", ");
      }
      filter.append(labels.name(i)).append("=\"");
      String v = labels.value(i);
      for (int j = 0; j < v.length(); j++) {
        char c = v.charAt(j);
        switch (c) {
          case '\\' -> filter.append("\\\\");
          case '"' -> filter.append("\\\"");
          case '\n' -> filter.append("\\n");
          default -> filter.append(c);
        }
      }
      filter.append('"');
    }
    filter.append('}');
    return trimSlash(alertmanagerUrl) + "/#/silences/new?filter=" + encode(filter.toString());
  }

  /** Percent-encoding for a query value; spaces as {@code %20}, which every reader decodes. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
