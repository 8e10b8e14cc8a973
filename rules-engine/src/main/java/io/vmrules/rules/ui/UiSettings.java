package io.vmrules.rules.ui;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.eval.EvaluationSettings;
import java.util.Objects;

/**
 * What the pages need besides the groups: where links go and how queries are sent.
 *
 * @param datasourceUrl the datasource ({@code --datasource.url}, user info removed), for the {@code
 *     curl} of a rule's query
 * @param datasourceUiUrl VictoriaMetrics' vmui ({@code --datasource.uiURL}), or null: no links
 * @param alertmanagerUrl the first {@code --notifier.url}, or null: no silence links
 * @param dialect the rules' language, for the pretty printer
 * @param settings the engine's evaluation settings (the query step of a group)
 */
public record UiSettings(
    String datasourceUrl,
    String datasourceUiUrl,
    String alertmanagerUrl,
    Dialect dialect,
    EvaluationSettings settings) {
  public UiSettings {
    Objects.requireNonNull(datasourceUrl, "datasourceUrl");
    dialect = dialect == null ? Dialect.METRICSQL : dialect;
    settings = settings == null ? EvaluationSettings.defaults() : settings;
    datasourceUiUrl = blankToNull(datasourceUiUrl);
    alertmanagerUrl = blankToNull(alertmanagerUrl);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
