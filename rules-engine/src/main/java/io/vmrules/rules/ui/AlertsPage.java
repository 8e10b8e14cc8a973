package io.vmrules.rules.ui;

import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /}: every pending and firing alert, grouped by rule: firing rules first, then pending ones
 * (and inactive ones when asked), each in rule-file order. The state checkboxes and the search box
 * are a GET form, applied here, so the page works without JavaScript and a reload keeps the filter;
 * the script applies the search as the user types.
 */
final class AlertsPage {
  /** The filter: which rule states to show, and a search over rule names and labels. */
  record Filter(Set<AlertState> states, String query) {
    static final Filter DEFAULT = new Filter(EnumSet.of(AlertState.FIRING, AlertState.PENDING), "");

    Filter {
      states = states.isEmpty() ? DEFAULT.states : Set.copyOf(states);
      query = query == null ? "" : query.strip();
    }

    static Filter of(List<String> states, String query) {
      Set<AlertState> set = EnumSet.noneOf(AlertState.class);
      for (String s : states == null ? List.<String>of() : states) {
        for (AlertState a : AlertState.values()) {
          if (a.label().equals(s)) {
            set.add(a);
          }
        }
      }
      return new Filter(set.isEmpty() ? DEFAULT.states : set, query);
    }
  }

  private AlertsPage() {}

  static String render(List<GroupSnapshot> groups, Instant now, Filter filter, UiSettings ui) {
    String q = filter.query().toLowerCase(Locale.ROOT);
    int firing = 0;
    int pending = 0;
    int rules = 0;
    int failing = 0;
    List<Shown> shown = new ArrayList<>();
    for (GroupSnapshot g : groups) {
      for (RuleSnapshot r : g.rules()) {
        if (!(r.spec() instanceof AlertingRuleSpec)) {
          continue;
        }
        rules++;
        if (r.lastError() != null) {
          failing++;
        }
        AlertState state = AlertState.INACTIVE;
        List<Alert> active = new ArrayList<>();
        for (Alert a : r.alerts().all()) {
          if (a.state() == AlertState.FIRING) {
            firing++;
            state = AlertState.FIRING;
            active.add(a);
          } else if (a.state() == AlertState.PENDING) {
            pending++;
            state = state == AlertState.FIRING ? state : AlertState.PENDING;
            active.add(a);
          }
        }
        if (!filter.states().contains(state)) {
          continue;
        }
        String text = ruleText(g, r);
        boolean nameMatches = q.isEmpty() || text.contains(q);
        List<Alert> alerts = active;
        if (!nameMatches) {
          alerts = new ArrayList<>();
          for (Alert a : active) {
            if (AlertRows.searchText(a).contains(q)) {
              alerts.add(a);
            }
          }
          if (alerts.isEmpty()) {
            continue;
          }
        }
        shown.add(new Shown(g, r, state, text, active, alerts));
      }
    }
    // firing rules first, then pending, then inactive; rule-file order within each (stable sort)
    shown.sort(java.util.Comparator.comparingInt(x -> -x.state().ordinal()));
    final int f = firing;
    final int p = pending;
    final int n = rules;
    final int failed = failing;
    return Layout.page(
        "Alerts",
        "alerts",
        "api/v1/alerts",
        now,
        4096 + shown.size() * 1024 + (f + p) * 2048,
        html -> {
          html.open("p", "class", "summary")
              .el("span", f + " firing", "class", "state firing")
              .text(" ")
              .el("span", p + " pending", "class", "state pending")
              .text(" across " + n + " alerting rules");
          if (failed > 0) {
            // a rule that cannot evaluate may hide alerts: say so where people look
            html.text(" · ")
                .el(
                    "a",
                    failed + (failed == 1 ? " rule failing" : " rules failing"),
                    "href",
                    Links.GROUPS + "?health=err",
                    "class",
                    "health err",
                    "id",
                    "failing");
          }
          html.close("p");
          html.open(
                  "form",
                  "method",
                  "get",
                  "action",
                  Links.ALERTS,
                  "class",
                  "filter",
                  "id",
                  "filter")
              .el("span", "Show rules:", "class", "muted");
          Layout.checkbox(
              html, "state", "firing", filter.states().contains(AlertState.FIRING), "firing");
          Layout.checkbox(
              html, "state", "pending", filter.states().contains(AlertState.PENDING), "pending");
          Layout.checkbox(
              html, "state", "inactive", filter.states().contains(AlertState.INACTIVE), "inactive");
          Layout.searchBox(html, filter.query(), "Search alert names and labels");
          html.el("span", shown.size() + " rules shown", "id", "shown", "class", "muted")
              .close("form");
          if (shown.isEmpty()) {
            html.el("p", "No rule matches the filter.", "class", "empty");
          }
          for (Shown s : shown) {
            section(html, s, now, ui);
          }
          html.el("p", "No rule matches the search.", "class", "empty", "id", "none", "hidden", "");
        });
  }

  private record Shown(
      GroupSnapshot group,
      RuleSnapshot rule,
      AlertState state,
      String text,
      List<Alert> active,
      List<Alert> matching) {}

  private static void section(Html html, Shown s, Instant now, UiSettings ui) {
    AlertingRuleSpec spec = (AlertingRuleSpec) s.rule().spec();
    String state = s.state().label();
    html.open("section", "class", "rule " + state, "data-filter-section", "", "data-text", s.text())
        .open("h2")
        .el("a", spec.name(), "href", Links.rule(s.group().spec(), spec))
        .text(" ")
        .el("span", state, "class", "state " + state)
        .text(" ")
        .el(
            "span",
            s.active().size() + (s.active().size() == 1 ? " alert" : " alerts"),
            "class",
            "muted small")
        .close("h2")
        .open("p", "class", "meta")
        .text("group ")
        .el("a", s.group().spec().name(), "href", Links.GROUPS + "#" + anchor(s.group()))
        .text(" · " + s.group().spec().file())
        .text(spec.forDuration().isZero() ? "" : " · for " + Times.spec(spec.forDuration()));
    if (s.rule().lastError() != null) {
      html.text(" · ").el("span", "error: " + s.rule().lastError(), "class", "health err");
    }
    String vmui = Links.vmui(ui.datasourceUiUrl(), spec.expr());
    if (vmui != null) {
      html.text(" · ").el("a", "query in vmui", "href", vmui, "class", "vmui", "rel", "noopener");
    }
    html.close("p");
    if (!s.matching().isEmpty()) {
      AlertRows.tableStart(html);
      // only what the server's search matched: the script asks the server again when the search
      // box is widened past it
      for (Alert a : s.matching()) {
        AlertRows.row(html, a, now, ui.alertmanagerUrl());
      }
      AlertRows.tableEnd(html);
    }
    html.close("section");
  }

  /** What the search box matches a rule against: its name and group, lower case. */
  static String ruleText(GroupSnapshot g, RuleSnapshot r) {
    return (r.spec().name() + " " + g.spec().name()).toLowerCase(Locale.ROOT);
  }

  /** The id of a group's section on the groups page. */
  static String anchor(GroupSnapshot g) {
    return "group-" + Integer.toHexString(g.spec().key().hashCode());
  }
}
