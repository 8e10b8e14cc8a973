package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.check.DashboardChecker;
import io.vmrules.dashboards.check.Problem;
import io.vmrules.dashboards.check.QueryTemplate;
import io.vmrules.dashboards.model.DataSourceRef;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.dashboards.provisioning.Provisioning;
import io.vmrules.promql.Dialect;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryCheckTest {
  private static final DashboardChecker CHECKER = new DashboardChecker(Set.of("vmselect"));

  private static List<String> codes(PanelBuilder panel, Variable... variables) {
    DashboardBuilder b =
        DashboardBuilder.create("t", "t")
            .variable(Variable.datasource("ds", "Datasource", "VictoriaMetrics", "vmselect"));
    for (Variable v : variables) {
      b.variable(v);
    }
    return CHECKER.check(b.add(panel).build()).stream().map(Problem::code).toList();
  }

  private static PanelBuilder panel(String expr) {
    return PanelBuilder.timeseries("p").description("d").unit(Unit.SHORT).query(expr, "");
  }

  @Test
  void everyShippedQueryCompilesAndEveryVariableIsDefined() {
    assertThat(Provisioning.check()).isEmpty();
  }

  @Test
  void aCleanPanelHasNoProblems() {
    assertThat(
            codes(
                panel("sum by (job) (rate(up{job=~\"$job\"}[$__rate_interval]))"),
                Variable.query(
                    "job",
                    "Job",
                    DataSourceRef.prometheus("${ds}"),
                    "label_values(up, job)",
                    true,
                    true)))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sum(rate(up[5m]))                                    | dashboard.rate-window",
        "increase(up[$__interval])                            | dashboard.rate-window",
        "sum(rate(up{job=\"$nope\"}[$__rate_interval]))       | dashboard.variable-undefined",
        "sum(rate(up[$__rate_interval])                       | dashboard.query",
        "up[5m]                                               | dashboard.query",
        "foo(up)                                              | dashboard.query",
        "sum(up) limit 3                                      | dashboard.query",
      })
  void flagsBadQueries(String expr, String code) {
    assertThat(codes(panel(expr.strip()))).contains(code);
  }

  @Test
  void metricsqlIsAllowedWhereTheQueryDeclaresIt() {
    PanelBuilder p =
        PanelBuilder.timeseries("p")
            .description("d")
            .unit(Unit.SHORT)
            .target(TargetBuilder.query("sum(up) limit 3").dialect(Dialect.METRICSQL));
    assertThat(codes(p)).isEmpty();
  }

  @Test
  void fixedWindowsAreAllowedWhenTheReasonIsGiven() {
    PanelBuilder p =
        PanelBuilder.timeseries("p")
            .description("d")
            .unit(Unit.SHORT)
            .target(TargetBuilder.query("sum(increase(up[1d]))").fixedWindow("daily totals"));
    assertThat(codes(p)).isEmpty();
  }

  @Test
  void panelsNeedADescriptionAndAValidUnitAndAKnownDatasource() {
    assertThat(codes(PanelBuilder.stat("s").unit(Unit.NONE).query("vector(1)", "")))
        .contains("dashboard.description");
    assertThat(
            codes(PanelBuilder.stat("s").description("d").unit("furlongs").query("vector(1)", "")))
        .contains("dashboard.unit");
    assertThat(codes(PanelBuilder.stat("s").description("d").query("vector(1)", "")))
        .contains("dashboard.unit");
    assertThat(codes(panel("vector(1)").datasource(DataSourceRef.prometheus("other"))))
        .contains("dashboard.datasource");
  }

  @Test
  void chainedVariablesMayOnlyUseEarlierOnes() {
    DataSourceRef ds = DataSourceRef.prometheus("${ds}");
    Variable region =
        Variable.query(
            "region", "Region", ds, "label_values(up{env=~\"$env\"}, region)", true, true);
    Variable env = Variable.query("env", "Env", ds, "label_values(up, env)", true, true);
    assertThat(codes(panel("vector(1)"), region, env)).contains("dashboard.variable-undefined");
    assertThat(codes(panel("vector(1)"), env, region)).isEmpty();
  }

  @Test
  void findsAndSubstitutesEveryVariableSyntax() {
    String text = "a{x=\"$one\", y=\"${two}\", z=\"${three:regex}\", w=\"[[four]]\"} $1";
    assertThat(QueryTemplate.references(text)).containsExactly("one", "two", "three", "four");
    assertThat(QueryTemplate.substitute(text, n -> "v"))
        .isEqualTo("a{x=\"v\", y=\"v\", z=\"v\", w=\"v\"} $1");
  }
}
