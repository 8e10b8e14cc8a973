package io.vmrules.dashboards.check;

import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.GridPos;
import io.vmrules.dashboards.model.Panel;
import io.vmrules.dashboards.model.PanelItem;
import io.vmrules.dashboards.model.RowPanel;
import io.vmrules.dashboards.model.Target;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.ValueType;
import io.vmrules.promql.ast.Call;
import io.vmrules.promql.ast.Expr;
import io.vmrules.promql.ast.Exprs;
import io.vmrules.promql.ast.MatrixSelector;
import io.vmrules.promql.ast.SubqueryExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generation-time checks of a dashboard: every query compiles in its dialect and yields an instant
 * vector or a scalar; every {@code $variable} is defined; {@code rate}, {@code increase} and {@code
 * irate} windows are {@code $__rate_interval} unless the target says why not; every data panel has
 * a title, a description, a valid unit, thresholds starting at null and a datasource that is {@code
 * ${ds}} or a fixed uid; the layout fits the grid without overlaps and ids are unique from 1.
 */
public final class DashboardChecker {
  private static final Set<String> RATE_FUNCTIONS = Set.of("rate", "increase", "irate");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.*),\\s*(\\w+)\\s*\\)", Pattern.DOTALL);
  private static final Pattern LABEL_VALUES_NO_SELECTOR =
      Pattern.compile("label_values\\(\\s*(\\w+)\\s*\\)");
  private static final Pattern QUERY_RESULT =
      Pattern.compile("query_result\\((.*)\\)", Pattern.DOTALL);

  private final Set<String> fixedDatasourceUids;

  /** {@code fixedDatasourceUids}: the provisioned datasource uids panels may name directly. */
  public DashboardChecker(Set<String> fixedDatasourceUids) {
    this.fixedDatasourceUids = Set.copyOf(fixedDatasourceUids);
  }

  public List<Problem> check(Dashboard dashboard) {
    Run run = new Run(dashboard);
    run.variables();
    run.layout();
    for (Panel p : panels(dashboard)) {
      run.panel(p);
    }
    return run.problems;
  }

  /** Every non-row panel, nested ones included, in dashboard order. */
  public static List<Panel> panels(Dashboard dashboard) {
    List<Panel> out = new ArrayList<>();
    for (PanelItem item : dashboard.panels()) {
      if (item instanceof Panel p) {
        out.add(p);
      } else if (item instanceof RowPanel r) {
        out.addAll(r.panels());
      }
    }
    return out;
  }

  private final class Run {
    final Dashboard dashboard;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, Variable> variables = new LinkedHashMap<>();

    Run(Dashboard dashboard) {
      this.dashboard = dashboard;
      for (Variable v : dashboard.templating().list()) {
        variables.put(v.name(), v);
      }
    }

    void problem(String code, String where, String message) {
      problems.add(new Problem(code, dashboard.uid(), where, message));
    }

    void variables() {
      Set<String> seen = new HashSet<>();
      for (Variable v : dashboard.templating().list()) {
        String where = "variable $" + v.name();
        if (!seen.add(v.name())) {
          problem("dashboard.variable-duplicate", where, "defined twice");
        }
        // a variable may only use variables defined before it (the chain env -> region -> cluster)
        for (String used : QueryTemplate.references(v.definition())) {
          if (!QueryTemplate.BUILT_INS.contains(used) && !definedBefore(used, v)) {
            problem(
                "dashboard.variable-undefined", where, "uses $" + used + ", not defined before it");
          }
        }
        if (v.datasource() != null) {
          datasource(where, v.datasource());
        }
        String def = v.queryDefinition();
        if (def == null) {
          continue;
        }
        Matcher lv = LABEL_VALUES.matcher(def);
        Matcher qr = QUERY_RESULT.matcher(def);
        if (lv.matches()) {
          compile(where, lv.group(1), Dialect.PROMQL, null);
        } else if (qr.matches()) {
          compile(where, qr.group(1), Dialect.PROMQL, null);
        } else if (!LABEL_VALUES_NO_SELECTOR.matcher(def).matches()) {
          problem(
              "dashboard.variable-query",
              where,
              "expected label_values(...) or query_result(...): " + def);
        }
      }
    }

    @SuppressWarnings("ReferenceEquality") // the user itself, not an equal variable
    boolean definedBefore(String name, Variable user) {
      for (Variable v : dashboard.templating().list()) {
        if (v == user) {
          return false;
        }
        if (v.name().equals(name)) {
          return true;
        }
      }
      return false;
    }

    void layout() {
      Set<Integer> ids = new HashSet<>();
      List<PanelItem> all = new ArrayList<>();
      List<PanelItem> visible = new ArrayList<>();
      for (PanelItem item : dashboard.panels()) {
        all.add(item);
        visible.add(item);
        if (item instanceof RowPanel r) {
          if (r.collapsed()) {
            all.addAll(r.panels());
            overlaps(new ArrayList<>(r.panels()), "row \"" + r.title() + "\"");
          } else if (!r.panels().isEmpty()) {
            problem(
                "dashboard.layout", "row \"" + r.title() + "\"", "an expanded row nests panels");
          }
          if (r.gridPos().w() != GridPos.COLUMNS || r.gridPos().x() != 0) {
            problem("dashboard.layout", "row \"" + r.title() + "\"", "a row spans the full width");
          }
        }
      }
      for (PanelItem item : all) {
        if (!ids.add(item.id())) {
          problem("dashboard.id", "panel \"" + item.title() + "\"", "duplicate id " + item.id());
        }
      }
      for (int i = 1; i <= all.size(); i++) {
        if (!ids.contains(i)) {
          problem(
              "dashboard.id",
              "dashboard",
              "panel ids are not 1.." + all.size() + " (missing " + i + ")");
          break;
        }
      }
      overlaps(visible, "dashboard");
    }

    void overlaps(List<? extends PanelItem> items, String where) {
      for (int i = 0; i < items.size(); i++) {
        for (int j = i + 1; j < items.size(); j++) {
          if (items.get(i).gridPos().overlaps(items.get(j).gridPos())) {
            problem(
                "dashboard.layout",
                where,
                "\"" + items.get(i).title() + "\" overlaps \"" + items.get(j).title() + "\"");
          }
        }
      }
    }

    void panel(Panel p) {
      String where = "panel \"" + p.title() + "\"";
      if (p.title().isBlank()) {
        problem("dashboard.title", "panel " + p.id(), "has no title");
      }
      if (p.description() == null || p.description().isBlank()) {
        problem(
            "dashboard.description",
            where,
            "has no description (say what it shows and what red means)");
      }
      variablesIn(where, p.title());
      variablesIn(where, p.description());
      if (!p.kind().showsData()) {
        return;
      }
      if (!Unit.isValid(p.fieldConfig().defaults().unit())) {
        problem(
            "dashboard.unit",
            where,
            "unit " + p.fieldConfig().defaults().unit() + " is not a Grafana unit id");
      }
      Thresholds t = p.fieldConfig().defaults().thresholds();
      if (t == null || t.steps().get(0).value() != null) {
        problem("dashboard.thresholds", where, "thresholds start with a null step");
      }
      if (p.datasource() == null) {
        problem("dashboard.datasource", where, "has no datasource");
        return;
      }
      if (p.targets().isEmpty()) {
        problem("dashboard.query", where, "has no query");
      }
      boolean mixed = p.datasource().isMixed();
      if (!mixed) {
        datasource(where, p.datasource());
      }
      Set<String> refIds = new HashSet<>();
      for (Target t2 : p.targets()) {
        String tw = where + " query " + t2.refId();
        if (!refIds.add(t2.refId())) {
          problem("dashboard.query", tw, "duplicate refId");
        }
        if (t2.datasource() == null) {
          problem("dashboard.datasource", tw, "has no datasource");
        } else if (mixed && !fixedDatasourceUids.contains(t2.datasource().uid())) {
          problem(
              "dashboard.datasource",
              tw,
              "on a mixed panel each query names a provisioned datasource uid");
        } else if (!mixed && !t2.datasource().equals(p.datasource())) {
          problem("dashboard.datasource", tw, "differs from the panel's datasource");
        } else {
          datasource(tw, t2.datasource());
        }
        variablesIn(tw, t2.legendFormat());
        compile(tw, t2.expr(), t2.dialect(), t2);
      }
    }

    void datasource(String where, DataSourceRef ref) {
      if (!DataSourceRef.PROMETHEUS.equals(ref.type())) {
        problem(
            "dashboard.datasource",
            where,
            "datasource type " + ref.type() + ", expected prometheus");
      } else if (ref.uid().startsWith("$")) {
        Set<String> used = QueryTemplate.references(ref.uid());
        for (String name : used) {
          Variable v = variables.get(name);
          if (v == null || !v.type().equals("datasource")) {
            problem("dashboard.datasource", where, ref.uid() + " is not a datasource variable");
          }
        }
      } else if (!fixedDatasourceUids.contains(ref.uid())) {
        problem(
            "dashboard.datasource",
            where,
            "uid "
                + ref.uid()
                + " is neither ${ds} nor a provisioned uid "
                + fixedDatasourceUids.stream().sorted().toList());
      }
    }

    void variablesIn(String where, String text) {
      for (String name : QueryTemplate.references(text)) {
        if (!QueryTemplate.BUILT_INS.contains(name) && !variables.containsKey(name)) {
          problem("dashboard.variable-undefined", where, "$" + name + " is not defined");
        }
      }
    }

    void compile(String where, String expr, Dialect dialect, Target target) {
      variablesIn(where, expr);
      String text = QueryTemplate.substitute(expr, this::placeholder);
      ParseResult result = PromQL.check(text, dialect);
      for (Diagnostic d : result.diagnostics()) {
        if (d.isError()) {
          problem(
              "dashboard.query",
              where,
              d.message()
                  + " ["
                  + d.code()
                  + "] at "
                  + d.line()
                  + ":"
                  + d.column()
                  + " in: "
                  + text);
        }
      }
      if (result.hasErrors() || result.expr() == null) {
        return;
      }
      if (target == null) {
        return;
      }
      if (result.type() != ValueType.INSTANT_VECTOR && result.type() != ValueType.SCALAR) {
        problem(
            "dashboard.query",
            where,
            "yields a "
                + (result.type() == null ? "value of unknown type" : result.type().description())
                + "; a panel needs an instant vector or a scalar");
      }
      if (target.fixedWindowReason() == null) {
        rateWindows(where, result.expr());
      }
    }

    String placeholder(String name) {
      String builtIn = QueryTemplate.BUILT_IN_PLACEHOLDERS.get(name);
      if (builtIn != null) {
        return builtIn;
      }
      Variable v = variables.get(name);
      return v != null && v.type().equals("interval") ? "5m" : "placeholder";
    }

    void rateWindows(String where, Expr e) {
      if (e instanceof Call c && RATE_FUNCTIONS.contains(c.name()) && !c.args().isEmpty()) {
        Expr arg = c.args().get(0);
        io.vmrules.promql.ast.Duration range = null;
        if (arg instanceof MatrixSelector m) {
          range = m.range();
        } else if (arg instanceof SubqueryExpr s) {
          range = s.range();
        }
        if (range != null
            && (range.isExpr()
                || range.isSteps()
                || range.millis() != QueryTemplate.RATE_INTERVAL_PLACEHOLDER_MILLIS)) {
          problem(
              "dashboard.rate-window",
              where,
              c.name()
                  + "() window is not $__rate_interval (declare fixedWindow(reason) if meant)");
        }
      }
      for (Expr child : Exprs.children(e)) {
        rateWindows(where, child);
      }
    }
  }
}
