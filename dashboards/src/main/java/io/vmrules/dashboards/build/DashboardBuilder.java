package io.vmrules.dashboards.build;

import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.GridPos;
import io.vmrules.dashboards.model.Panel;
import io.vmrules.dashboards.model.PanelItem;
import io.vmrules.dashboards.model.RowPanel;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.promql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a dashboard and lays it out on the 24-column grid: panels flow left to right and wrap when
 * a line is full (a line is as tall as its tallest panel); each row starts a new line. Ids are
 * given from 1 in reading order. Expanded rows are written with {@code panels: []} and their panels
 * follow as siblings; collapsed rows nest theirs, positioned as if the row were open.
 */
public final class DashboardBuilder {
  private final String uid;
  private final String title;
  private String description = "";
  private final List<String> tags = new ArrayList<>();
  private Dialect dialect = Dialect.PROMQL;
  private DataSourceRef datasource = DataSourceRef.prometheus("${ds}");
  private String from = "now-3h";
  private String refresh = "30s";
  private final List<Variable> variables = new ArrayList<>();
  private final List<Dashboard.Annotation> annotations =
      new ArrayList<>(List.of(Dashboard.Annotation.grafanaBuiltIn()));
  private final List<Dashboard.Link> links = new ArrayList<>();
  private final List<Section> sections = new ArrayList<>(List.of(new Section(null, false)));

  private record Section(String rowTitle, boolean collapsed, List<PanelBuilder> panels) {
    Section(String rowTitle, boolean collapsed) {
      this(rowTitle, collapsed, new ArrayList<>());
    }
  }

  private DashboardBuilder(String uid, String title) {
    if (!uid.matches("[a-zA-Z0-9_-]{1,40}")) {
      throw new IllegalArgumentException(
          "a dashboard uid has 1-40 letters, digits, '-' or '_': " + uid);
    }
    this.uid = uid;
    this.title = Objects.requireNonNull(title);
  }

  public static DashboardBuilder create(String uid, String title) {
    return new DashboardBuilder(uid, title);
  }

  public DashboardBuilder description(String description) {
    this.description = description;
    return this;
  }

  public DashboardBuilder tags(String... tags) {
    this.tags.addAll(List.of(tags));
    return this;
  }

  /** The dialect every query is checked in unless the query declares another. */
  public DashboardBuilder dialect(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect);
    return this;
  }

  /** The datasource panels use by default ({@code ${ds}} unless changed). */
  public DashboardBuilder datasource(DataSourceRef datasource) {
    this.datasource = Objects.requireNonNull(datasource);
    return this;
  }

  public DashboardBuilder time(String from, String refresh) {
    this.from = from;
    this.refresh = refresh;
    return this;
  }

  public DashboardBuilder variable(Variable variable) {
    variables.add(Objects.requireNonNull(variable));
    return this;
  }

  public DashboardBuilder annotation(Dashboard.Annotation annotation) {
    annotations.add(Objects.requireNonNull(annotation));
    return this;
  }

  public DashboardBuilder link(Dashboard.Link link) {
    links.add(Objects.requireNonNull(link));
    return this;
  }

  /** Starts an expanded row; the panels added next belong to it. */
  public DashboardBuilder row(String title) {
    sections.add(new Section(Objects.requireNonNull(title), false));
    return this;
  }

  /** Starts a collapsed row; the panels added next are nested in it. */
  public DashboardBuilder collapsedRow(String title) {
    sections.add(new Section(Objects.requireNonNull(title), true));
    return this;
  }

  public DashboardBuilder add(PanelBuilder... panels) {
    sections.get(sections.size() - 1).panels().addAll(List.of(panels));
    return this;
  }

  public Dashboard build() {
    List<PanelItem> items = new ArrayList<>();
    Flow flow = new Flow();
    int nextId = 1;
    for (Section section : sections) {
      if (section.rowTitle() == null) {
        for (PanelBuilder p : section.panels()) {
          items.add(p.build(nextId++, flow.place(p.width, p.height), datasource, dialect));
        }
        continue;
      }
      flow.newLine();
      int rowId = nextId++;
      GridPos rowPos = flow.place(GridPos.COLUMNS, 1);
      flow.newLine();
      if (section.collapsed()) {
        Flow nested = flow.copy();
        List<Panel> children = new ArrayList<>();
        for (PanelBuilder p : section.panels()) {
          children.add(p.build(nextId++, nested.place(p.width, p.height), datasource, dialect));
        }
        items.add(new RowPanel(rowId, section.rowTitle(), true, rowPos, children));
      } else {
        items.add(new RowPanel(rowId, section.rowTitle(), false, rowPos, List.of()));
        for (PanelBuilder p : section.panels()) {
          items.add(p.build(nextId++, flow.place(p.width, p.height), datasource, dialect));
        }
      }
    }
    return new Dashboard(
        uid,
        title,
        description,
        tags,
        new Dashboard.TimeRange(from, "now"),
        new Dashboard.TimePicker(List.of("10s", "30s", "1m", "5m", "15m", "30m", "1h")),
        "browser",
        refresh,
        Dashboard.SCHEMA_VERSION,
        1,
        false,
        1,
        0,
        false,
        "",
        new Dashboard.Templating(variables),
        new Dashboard.Annotations(annotations),
        links,
        items);
  }

  /** Left-to-right placement with wrapping. */
  private static final class Flow {
    int x;
    int y;
    int lineHeight;

    GridPos place(int w, int h) {
      if (x + w > GridPos.COLUMNS) {
        newLine();
      }
      GridPos pos = new GridPos(h, w, x, y);
      x += w;
      lineHeight = Math.max(lineHeight, h);
      return pos;
    }

    void newLine() {
      if (x > 0) {
        y += lineHeight;
      }
      x = 0;
      lineHeight = 0;
    }

    Flow copy() {
      Flow f = new Flow();
      f.x = x;
      f.y = y;
      f.lineHeight = lineHeight;
      return f;
    }
  }
}
