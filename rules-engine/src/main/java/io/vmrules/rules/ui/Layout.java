package io.vmrules.rules.ui;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The frame every page shares: head (one stylesheet, one script, both served by {@link WebUi}), the
 * navigation, the auto-refresh toggle, the link to the JSON behind the page, and a footer with the
 * time the page was rendered.
 */
final class Layout {
  /** The navigation entries: link, label, and the id a page passes as {@code active}. */
  private static final String[][] NAV = {
    {Links.ALERTS, "Alerts", "alerts"},
    {Links.GROUPS, "Groups", "groups"},
    {Links.STATUS, "Status", "status"},
  };

  private Layout() {}

  /**
   * @param active which navigation entry is this page
   * @param json the API answer behind the page (relative URL)
   * @param capacity a guess of the page's size, to size the buffer once
   */
  static String page(
      String title, String active, String json, Instant now, int capacity, Consumer<Html> content) {
    Html html = new Html(capacity);
    html.raw("<!DOCTYPE html>\n")
        .open("html", "lang", "en")
        .open("head")
        .empty("meta", "charset", "utf-8")
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .empty("meta", "name", "color-scheme", "content", "light dark")
        .el("title", title + " · vmrules")
        .empty("link", "rel", "stylesheet", "href", WebUi.STYLESHEET)
        .open("script", "src", WebUi.SCRIPT, "defer", "")
        .close("script")
        .close("head")
        .open("body", "data-page", active)
        .open("header")
        .open("nav");
    html.el("span", "vmrules", "class", "brand");
    for (String[] entry : NAV) {
      html.el(
          "a", entry[1], "href", entry[0], "aria-current", entry[2].equals(active) ? "page" : null);
    }
    html.close("nav")
        .open("div", "class", "tools")
        .open("label", "class", "refresh", "hidden", "")
        .empty("input", "type", "checkbox", "id", "autorefresh")
        .text(" auto-refresh ")
        .el("span", "", "id", "refresh-state", "class", "muted")
        .close("label")
        .el("a", "JSON", "href", json, "class", "json", "id", "json-link")
        .close("div")
        .close("header")
        .open("main")
        .el("h1", title);
    content.accept(html);
    html.close("main")
        .open("footer")
        .text("Rendered ")
        .el("time", Times.absolute(now), "datetime", Times.iso(now), "id", "rendered")
        .close("footer")
        .close("body")
        .close("html");
    return html.toString();
  }

  /** A search box and a submit button inside a GET form: the filter works without JavaScript. */
  static void searchBox(Html html, String query, String placeholder) {
    html.empty(
            "input",
            "type",
            "search",
            "name",
            "q",
            "value",
            query,
            "placeholder",
            placeholder,
            "id",
            "search",
            "aria-label",
            "search",
            "autocomplete",
            "off")
        .el("button", "Apply", "type", "submit");
  }

  /** A checkbox that is part of the filter form. */
  static void checkbox(Html html, String name, String value, boolean checked, String label) {
    html.open("label", "class", "check " + value)
        .empty(
            "input",
            "type",
            "checkbox",
            "name",
            name,
            "value",
            value,
            "checked",
            checked ? "" : null,
            "data-submit",
            "")
        .text(" " + label)
        .close("label");
  }
}
