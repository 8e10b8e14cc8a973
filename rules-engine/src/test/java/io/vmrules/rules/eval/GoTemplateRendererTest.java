package io.vmrules.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.template.FunctionSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateRendererTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  private static TemplateData data(double value) {
    return new TemplateData(
        Labels.of("instance", "a", "job", "node"),
        value,
        Map.of("dc", "eu"),
        "http://rules",
        "up == 0",
        T,
        T.minusSeconds(90),
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        "g",
        "Down");
  }

  @Test
  void rendersGoTemplatesWithPrometheusFunctions() {
    GoTemplateRenderer r =
        new GoTemplateRenderer(FunctionSet.prometheus(), null, Duration.ofMinutes(1));
    assertThat(
            r.render(
                "{{ $labels.instance }} of {{ .Labels.job }} in {{ $externalLabels.dc }}: {{ $value }}",
                data(0.25)))
        .isEqualTo("a of node in eu: 0.25");
    assertThat(
            r.render(
                "{{ $value | humanizePercentage }} {{ if gt $value 0.1 }}high{{ end }}",
                data(0.25)))
        .isEqualTo("25% high");
    assertThat(r.render("{{ $value }}", data(1e21))).isEqualTo("1e+21");
    assertThat(r.render("no template", data(1))).isEqualTo("no template");
  }

  @Test
  void vmalertVariablesAreThereForMetricsqlFiles() {
    GoTemplateRenderer r = GoTemplateRenderer.vmalert();
    assertThat(r.render("{{ $expr }} for {{ $for }} since {{ $activeAt.Unix }}", data(1)))
        .isEqualTo("up == 0 for 1m0s since " + T.minusSeconds(90).getEpochSecond());
    // the group's interval, and now as the evaluation's time (repeatable in tests and replays)
    assertThat(
            r.render(
                "every {{ $interval }} ({{ .Interval }}), now {{ now | printf \"%.0f\" }}",
                data(1)))
        .isEqualTo("every 30s (30s), now " + T.getEpochSecond());
  }

  @Test
  void queryFunctionAsksTheDatasourceAtTheEvaluationTime() {
    FakeQuerier q = new FakeQuerier().answer("node_load1", 2.5, Labels.of("instance", "a"));
    GoTemplateRenderer r =
        new GoTemplateRenderer(FunctionSet.prometheus(), q, Duration.ofMinutes(5));
    assertThat(r.render("{{ with query \"node_load1\" }}{{ . | first | value }}{{ end }}", data(1)))
        .isEqualTo("2.5");
    assertThat(q.requests())
        .singleElement()
        .satisfies(
            req -> {
              assertThat(req.time()).isEqualTo(T);
              assertThat(req.step()).isEqualTo(Duration.ofMinutes(5));
            });
  }

  @Test
  void failuresGivePrometheusErrorTextNeverAnException() {
    GoTemplateRenderer r =
        new GoTemplateRenderer(FunctionSet.prometheus(), null, Duration.ofMinutes(1));
    assertThat(r.render("{{ $labels.instance | nosuchfunc }}", data(1)))
        .startsWith("<error expanding template: template: __alert_Down:1:")
        .contains("nosuchfunc")
        .endsWith(">");
    assertThat(r.render("{{ query \"up\" }}", data(1)))
        .startsWith("<error expanding template: template: __alert_Down:1:")
        .contains("not available");
    assertThat(r.render("{{ humanize \"x\" }}", data(1))).startsWith("<error expanding template: ");
  }
}
