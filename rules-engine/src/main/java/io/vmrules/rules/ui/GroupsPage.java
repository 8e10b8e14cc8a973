package io.vmrules.rules.ui;

import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * {@code /groups}: every group (file, interval, last evaluation, its duration, missed iterations)
 * and its rules (type, state, health, last error, series, the expression pretty-printed and
 * coloured). A health filter and a search box, applied here as on the alerts page.
 */
final class GroupsPage {
  /** {@code health}: all, ok, err or unknown (never evaluated); {@code query}: names and exprs. */
  record Filter(String health, String query) {
    Filter {
      health = health == null || !List.of("ok", "err", "unknown").contains(health) ? "all" : health;
      query = query == null ? "" : query.strip();
    }
  }

  private GroupsPage() {}

  static String render(
      List<GroupSnapshot> groups,
      Instant now,
      Filter filter,
      ToLongFunction<String> missedIterations,
      ExprHtml exprs,
      UiSettings ui) {
    String q = filter.query().toLowerCase(Locale.ROOT);
    int total = 0;
    for (GroupSnapshot g : groups) {
      total += g.rules().size();
    }
    final int rules = total;
    return Layout.page(
        "Groups",
        "groups",
        "api/v1/rules",
        now,
        8192 + rules * 1200,
        html -> {
          html.open("p", "class", "summary")
              .text(groups.size() + " groups, " + rules + " rules")
              .close("p");
          html.open(
                  "form",
                  "method",
                  "get",
                  "action",
                  Links.GROUPS,
                  "class",
                  "filter",
                  "id",
                  "filter")
              .open("label")
              .text("Health ")
              .open("select", "name", "health", "data-submit", "");
          for (String h : List.of("all", "ok", "err", "unknown")) {
            html.el("option", h, "value", h, "selected", h.equals(filter.health()) ? "" : null);
          }
          html.close("select").close("label");
          Layout.searchBox(html, filter.query(), "Search groups, rules and expressions");
          html.el("span", "", "id", "shown", "class", "muted").close("form");
          int shownGroups = 0;
          for (GroupSnapshot g : groups) {
            List<RuleSnapshot> rs = new ArrayList<>();
            String groupText = (g.spec().name() + " " + g.spec().file()).toLowerCase(Locale.ROOT);
            boolean groupMatches = q.isEmpty() || groupText.contains(q);
            for (RuleSnapshot r : g.rules()) {
              if ((filter.health().equals("all") || filter.health().equals(health(r)))
                  && (groupMatches || ruleText(r).contains(q))) {
                rs.add(r);
              }
            }
            if (rs.isEmpty() && !(groupMatches && filter.health().equals("all"))) {
              continue;
            }
            shownGroups++;
            group(
                html,
                g,
                rs,
                groupText,
                missedIterations.applyAsLong(g.spec().key()),
                now,
                exprs,
                ui);
          }
          if (shownGroups == 0) {
            html.el("p", "No group matches the filter.", "class", "empty");
          }
          html.el("p", "No rule matches the search.", "class", "empty", "id", "none", "hidden", "");
        });
  }

  private static void group(
      Html html,
      GroupSnapshot g,
      List<RuleSnapshot> rules,
      String groupText,
      long missed,
      Instant now,
      ExprHtml exprs,
      UiSettings ui) {
    GroupSpec spec = g.spec();
    html.open(
            "section",
            "class",
            "group",
            "id",
            AlertsPage.anchor(g),
            "data-filter-section",
            "",
            "data-text",
            groupText)
        .el("h2", spec.name())
        .open("dl", "class", "facts")
        .el("dt", "file")
        .el("dd", spec.file())
        .el("dt", "interval")
        .el("dd", Times.spec(g.interval()))
        .el("dt", "last evaluation")
        .open("dd");
    Times.write(html, g.lastEvaluation(), now);
    html.close("dd")
        .el("dt", "took")
        .el("dd", g.lastEvaluation() == null ? "-" : Times.took(g.evaluationDuration()));
    if (g.lastEvaluator() != null) {
      html.el("dt", "evaluated by").el("dd", g.lastEvaluator());
    }
    html.el("dt", "missed iterations")
        .el("dd", Long.toString(missed), "class", missed > 0 ? "warn" : null)
        .close("dl");
    html.open("table", "class", "rules")
        .open("thead")
        .open("tr")
        .el("th", "Rule")
        .el("th", "Type")
        .el("th", "State")
        .el("th", "Health")
        .el("th", "Series")
        .el("th", "Last evaluation")
        .close("tr")
        .close("thead")
        .open("tbody");
    for (RuleSnapshot r : rules) {
      boolean alerting = r.spec() instanceof AlertingRuleSpec;
      String state = alerting ? ruleState(r) : null;
      String health = health(r);
      html.open(
              "tr", "class", "rule-row " + health, "data-filter-row", "", "data-text", ruleText(r))
          .open("td", "class", "expr-cell")
          .el("a", r.spec().name(), "href", Links.rule(spec, r.spec()), "class", "name");
      String vmui = Links.vmui(ui.datasourceUiUrl(), r.spec().expr());
      if (vmui != null) {
        html.text(" ").el("a", "vmui", "href", vmui, "class", "vmui small", "rel", "noopener");
      }
      html.open("pre", "class", "expr").raw(exprs.html(r.spec().expr())).close("pre");
      if (r.lastError() != null) {
        html.el("div", r.lastError(), "class", "error");
      }
      html.close("td").el("td", alerting ? "alerting" : "recording").open("td");
      if (state != null) {
        html.el("span", state, "class", "state " + state);
      }
      html.close("td")
          .open("td")
          .el("span", health, "class", "health " + health)
          .close("td")
          .el("td", Integer.toString(r.lastSeries()), "class", "num")
          .open("td", "class", "nowrap");
      Times.write(html, r.lastEvaluation(), now);
      if (r.lastEvaluation() != null) {
        html.el("div", Times.took(r.evaluationDuration()), "class", "muted small");
      }
      html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  /** ok, err, or unknown before the first evaluation. */
  static String health(RuleSnapshot r) {
    return r.lastEvaluation() == null ? "unknown" : r.healthy() ? "ok" : "err";
  }

  /** The most severe state of the rule's alerts. */
  static String ruleState(RuleSnapshot r) {
    String state = "inactive";
    for (var a : r.alerts().all()) {
      switch (a.state()) {
        case FIRING -> {
          return "firing";
        }
        case PENDING -> state = "pending";
        default -> {}
      }
    }
    return state;
  }

  /** What the search box matches a rule against: name and expression, lower case. */
  static String ruleText(RuleSnapshot r) {
    return (r.spec().name() + " " + r.spec().expr()).toLowerCase(Locale.ROOT);
  }
}
