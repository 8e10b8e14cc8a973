package io.vmrules.dashboards.model;

import java.util.List;
import java.util.Objects;

/** A dashboard in Grafana's saved JSON form. */
public record Dashboard(
    String uid,
    String title,
    String description,
    List<String> tags,
    TimeRange time,
    TimePicker timepicker,
    String timezone,
    String refresh,
    int schemaVersion,
    int version,
    boolean editable,
    int graphTooltip,
    int fiscalYearStartMonth,
    boolean liveNow,
    String weekStart,
    Templating templating,
    Annotations annotations,
    List<Link> links,
    List<PanelItem> panels) {
  public static final int SCHEMA_VERSION = 41;

  public Dashboard {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(title, "title");
    tags = List.copyOf(tags);
    links = List.copyOf(links);
    panels = List.copyOf(panels);
  }

  public record TimeRange(String from, String to) {}

  public record TimePicker(List<String> refresh_intervals) {
    public TimePicker {
      refresh_intervals = List.copyOf(refresh_intervals);
    }
  }

  public record Templating(List<Variable> list) {
    public Templating {
      list = List.copyOf(list);
    }
  }

  public record Annotations(List<Annotation> list) {
    public Annotations {
      list = List.copyOf(list);
    }
  }

  /** An annotation query; {@link #grafanaBuiltIn()} is Grafana's own "Annotations &amp; Alerts". */
  public record Annotation(
      Integer builtIn,
      DataSourceRef datasource,
      boolean enable,
      boolean hide,
      String iconColor,
      String name,
      String type,
      String expr,
      String titleFormat,
      String textFormat,
      String tagKeys,
      String step) {
    public static Annotation grafanaBuiltIn() {
      return new Annotation(
          1,
          DataSourceRef.grafana(),
          true,
          true,
          "rgba(0, 211, 255, 1)",
          "Annotations & Alerts",
          "dashboard",
          null,
          null,
          null,
          null,
          null);
    }

    /** Marks where a Prometheus expression is non-empty, e.g. firing alerts. */
    public static Annotation prometheus(
        String name,
        DataSourceRef ds,
        String expr,
        String titleFormat,
        String textFormat,
        String tagKeys) {
      return new Annotation(
          null, ds, true, false, "red", name, null, expr, titleFormat, textFormat, tagKeys, "60s");
    }
  }

  /** A link in the dashboard header: to dashboards by tag. */
  public record Link(
      String title,
      String type,
      String icon,
      String tooltip,
      List<String> tags,
      boolean asDropdown,
      boolean targetBlank,
      boolean includeVars,
      boolean keepTime) {
    public Link {
      tags = List.copyOf(tags);
    }

    public static Link dashboardsTagged(String title, String tag) {
      return new Link(
          title, "dashboards", "external link", "", List.of(tag), true, false, true, true);
    }
  }
}
