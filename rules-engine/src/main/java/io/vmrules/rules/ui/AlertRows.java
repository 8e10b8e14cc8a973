package io.vmrules.rules.ui;

import io.vmrules.promql.print.Printer;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.Labels;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The table of alerts, as the alerts page and the rule page show them. */
final class AlertRows {
  private AlertRows() {}

  static void tableStart(Html html) {
    html.open("table", "class", "alerts")
        .open("thead")
        .open("tr")
        .el("th", "State")
        .el("th", "Labels and annotations")
        .el("th", "Active since")
        .el("th", "Value")
        .el("th", "")
        .close("tr")
        .close("thead")
        .open("tbody");
  }

  static void tableEnd(Html html) {
    html.close("tbody").close("table");
  }

  /** One alert: state, labels as chips, annotations (open, collapsible), times, value, silence. */
  static void row(Html html, Alert alert, Instant now, String alertmanagerUrl) {
    String state = alert.state().label();
    html.open(
            "tr", "class", "alert " + state, "data-filter-row", "", "data-text", searchText(alert))
        .open("td")
        .el("span", state, "class", "state " + state)
        .close("td")
        .open("td");
    chips(html, alert.labels());
    if (!alert.annotations().isEmpty()) {
      html.open("details", "class", "annotations", "open", "")
          .el("summary", "annotations")
          .open("dl");
      for (Map.Entry<String, String> a : alert.annotations().entrySet()) {
        html.el("dt", a.getKey()).el("dd", a.getValue());
      }
      html.close("dl").close("details");
    }
    html.close("td").open("td", "class", "nowrap");
    Times.write(html, alert.activeAt(), now);
    html.el("div", Times.absolute(alert.activeAt()), "class", "muted small");
    if (alert.keepFiringSince() != null) {
      html.open("div", "class", "muted small").text("kept firing since ");
      Times.write(html, alert.keepFiringSince(), now);
      html.close("div");
    }
    html.close("td").el("td", Printer.number(alert.value()), "class", "num");
    html.open("td", "class", "nowrap");
    String silence = Links.silence(alertmanagerUrl, alert.labels());
    if (silence != null) {
      html.el("a", "silence", "href", silence, "class", "silence", "rel", "noopener");
    }
    html.close("td").close("tr");
  }

  /** Labels as chips, {@code alertname} left out (the rule's heading shows it). */
  static void chips(Html html, Labels labels) {
    html.open("span", "class", "chips");
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      if (name.equals("alertname")) {
        continue;
      }
      html.open("span", "class", "chip")
          .el("span", name, "class", "k")
          .text("=")
          .el("span", labels.value(i), "class", "v")
          .close("span");
    }
    html.close("span");
  }

  /** What the search box matches an alert against: its labels as {@code name=value}, lower case. */
  static String searchText(Alert alert) {
    StringBuilder b = new StringBuilder();
    Labels labels = alert.labels();
    for (int i = 0; i < labels.size(); i++) {
      b.append(labels.name(i)).append('=').append(labels.value(i)).append(' ');
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
