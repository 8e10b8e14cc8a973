package io.vmrules.rules.ui;

import io.vmrules.rules.api.RuleLookup;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.EvaluationHistory;
import io.vmrules.rules.eval.EvaluationRecord;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /rule?group=…&file=…&rule=…}: the rule's definition, its current alerts, and its latest
 * {@link EvaluationHistory#CAPACITY} evaluations, each with a {@code curl} that sends the query the
 * engine sent at that time.
 */
final class RulePage {
  private RulePage() {}

  static String render(
      RuleLookup.Found found, Duration groupInterval, Instant now, ExprHtml exprs, UiSettings ui) {
    GroupSpec group = found.group().spec();
    RuleSnapshot rule = found.rule();
    RuleSpec spec = rule.spec();
    boolean alerting = spec instanceof AlertingRuleSpec;
    Duration step = ui.settings().stepFor(groupInterval);
    return Layout.page(
        spec.name(),
        "groups",
        Links.ruleJson(group, spec),
        now,
        16384,
        html -> {
          String health = GroupsPage.health(rule);
          html.open("p", "class", "summary")
              .el("span", alerting ? "alerting rule" : "recording rule", "class", "muted")
              .text(" ");
          if (alerting) {
            String state = GroupsPage.ruleState(rule);
            html.el("span", state, "class", "state " + state).text(" ");
          }
          html.el("span", health, "class", "health " + health).close("p");
          html.el("h2", "Definition").open("dl", "class", "facts");
          html.el("dt", "group")
              .open("dd")
              .el("a", group.name(), "href", Links.GROUPS + "#" + AlertsPage.anchor(found.group()))
              .close("dd")
              .el("dt", "file")
              .el("dd", group.file())
              .el("dt", "interval")
              .el("dd", Times.spec(groupInterval));
          if (spec instanceof AlertingRuleSpec a) {
            html.el("dt", "for").el("dd", Times.spec(a.forDuration()));
            if (!a.keepFiringFor().isZero()) {
              html.el("dt", "keep_firing_for").el("dd", Times.spec(a.keepFiringFor()));
            }
          }
          html.el("dt", "series").el("dd", Integer.toString(rule.lastSeries()));
          html.el("dt", "last evaluation").open("dd");
          Times.write(html, rule.lastEvaluation(), now);
          html.close("dd");
          if (rule.lastError() != null) {
            html.el("dt", "last error").el("dd", rule.lastError(), "class", "error");
          }
          html.close("dl");
          html.open("pre", "class", "expr").raw(exprs.html(spec.expr())).close("pre");
          String vmui = Links.vmui(ui.datasourceUiUrl(), spec.expr());
          if (vmui != null) {
            html.open("p")
                .el("a", "Open the query in vmui", "href", vmui, "class", "vmui", "rel", "noopener")
                .close("p");
          }
          map(html, "Labels", spec.labels());
          if (spec instanceof AlertingRuleSpec a) {
            map(html, "Annotations (templates)", a.annotations());
            List<Alert> active = rule.alerts().all().stream().filter(Alert::isActive).toList();
            html.el("h2", "Alerts (" + active.size() + ")");
            if (active.isEmpty()) {
              html.el("p", "No pending or firing alert.", "class", "empty");
            } else {
              AlertRows.tableStart(html);
              for (Alert al : active) {
                AlertRows.row(html, al, now, ui.alertmanagerUrl());
              }
              AlertRows.tableEnd(html);
            }
          }
          history(html, group, rule, step, now, ui);
        });
  }

  private static void map(Html html, String title, Map<String, String> map) {
    if (map.isEmpty()) {
      return;
    }
    html.el("h2", title).open("dl", "class", "facts");
    for (Map.Entry<String, String> e : map.entrySet()) {
      html.el("dt", e.getKey()).el("dd", e.getValue());
    }
    html.close("dl");
  }

  private static void history(
      Html html, GroupSpec group, RuleSnapshot rule, Duration step, Instant now, UiSettings ui) {
    List<EvaluationRecord> records = rule.history().newestFirst();
    html.el("h2", "Last " + EvaluationHistory.CAPACITY + " evaluations");
    if (records.isEmpty()) {
      html.el("p", "Not evaluated yet.", "class", "empty");
      return;
    }
    boolean alerting = rule.spec() instanceof AlertingRuleSpec;
    html.open("table", "class", "history", "id", "history")
        .open("thead")
        .open("tr")
        .el("th", "Time")
        .el("th", "Duration")
        .el("th", "Samples")
        .el("th", "Result")
        .el("th", "Query")
        .close("tr")
        .close("thead")
        .open("tbody");
    int i = 0;
    for (EvaluationRecord r : records) {
      html.open("tr", "class", r.failed() ? "err" : "ok").open("td", "class", "nowrap");
      Times.write(html, r.slot(), now);
      html.el("div", Times.absolute(r.slot()), "class", "muted small")
          .close("td")
          .el("td", Times.took(r.duration()), "class", "num")
          .el("td", Integer.toString(r.samples()), "class", "num")
          .open("td", "class", "result");
      if (r.failed()) {
        html.el("span", "error", "class", "health err").el("div", r.error(), "class", "error");
      } else if (alerting) {
        html.el("span", "ok", "class", "health ok")
            .text(" " + r.firing() + " firing, " + r.pending() + " pending");
      } else {
        html.el("span", "ok", "class", "health ok");
      }
      String id = "curl-" + i++;
      html.close("td")
          .open("td")
          .open("details")
          .el("summary", "curl")
          .el(
              "code",
              Curl.query(ui.datasourceUrl(), group, rule.spec().expr(), r.queryTime(), step),
              "id",
              id,
              "class",
              "curl")
          .el("button", "Copy", "type", "button", "data-copy", id, "hidden", "")
          .close("details")
          .close("td")
          .close("tr");
    }
    html.close("tbody").close("table");
  }
}
