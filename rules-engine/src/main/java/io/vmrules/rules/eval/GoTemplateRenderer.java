package io.vmrules.rules.eval;

import io.vmrules.cache.BoundedCache;
import io.vmrules.template.AlertTemplateData;
import io.vmrules.template.FunctionSet;
import io.vmrules.template.RenderResult;
import io.vmrules.template.Template;
import io.vmrules.template.TemplateError;
import io.vmrules.template.runtime.QueryFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders annotation and label templates with the Go text/template engine ({@code
 * io.vmrules.template}): Prometheus' function set for PromQL-dialect rule files, vmalert's for
 * MetricsQL ones (as {@code rules validate} checks them). The {@code query} function runs an
 * instant query at the evaluation time through the {@link Querier}.
 *
 * <p>A template that fails to parse or to render gives Prometheus' text {@code <error expanding
 * template: …>} as its value, never an exception; the first failure of each rule is logged. Parsed
 * templates are cached by rule name and text.
 */
public final class GoTemplateRenderer implements AnnotationRenderer {
  private static final System.Logger LOG = System.getLogger(GoTemplateRenderer.class.getName());

  /** What vmalert's {@code $type} says for a Prometheus-API datasource. */
  private static final String DATASOURCE_TYPE = "prometheus";

  private final FunctionSet functions;
  private final Querier querier;
  private final Duration step;
  // Keyed by rule and template text; bounded so reloads that change templates do not pile up.
  private final BoundedCache<String, Template.Parsed> parsed = new BoundedCache<>(65_536);
  private final Set<String> loggedRules = ConcurrentHashMap.newKeySet();

  /**
   * @param querier backs the {@code query} function; null: every {@code query} call fails
   * @param step the step sent with those queries
   */
  public GoTemplateRenderer(FunctionSet functions, Querier querier, Duration step) {
    this.functions = Objects.requireNonNull(functions, "functions");
    this.querier = querier;
    this.step = Objects.requireNonNull(step, "step");
  }

  /** vmalert's functions and variables, without a datasource for {@code query}. */
  public static GoTemplateRenderer vmalert() {
    return new GoTemplateRenderer(
        FunctionSet.vmalert(), null, EvaluationSettings.DEFAULT_QUERY_STEP);
  }

  @Override
  public String render(String text, TemplateData data) {
    if (text.indexOf("{{") < 0) {
      return text;
    }
    String name = "__alert_" + data.rule();
    Template.Parsed p =
        parsed.get(name + '\u0000' + text, k -> Template.parse(name, text, functions));
    String error;
    if (p.template().isPresent()) {
      RenderResult r = p.template().get().render(templateData(data));
      if (r.isOk()) {
        return r.output();
      }
      error = r.error().orElseThrow().message();
    } else {
      TemplateError e = p.errors().get(0);
      error = "template: " + name + ":" + e.line() + ":" + e.column() + ": " + e.message();
    }
    if (loggedRules.add(data.group() + '\u0000' + data.rule())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "rule \""
              + data.rule()
              + "\" in group \""
              + data.group()
              + "\": error expanding template: "
              + error
              + " (logged once per rule)");
    }
    return "<error expanding template: " + error + ">";
  }

  private AlertTemplateData templateData(TemplateData d) {
    return new AlertTemplateData(
        d.labels().asMap(),
        d.value(),
        d.externalLabels(),
        d.externalURL(),
        d.expr(),
        d.activeAt(),
        d.forDuration(),
        d.interval(),
        d.time(),
        Integer.toUnsignedLong(d.labels().hashCode()),
        Integer.toUnsignedLong(d.group().hashCode()),
        DATASOURCE_TYPE,
        false,
        query(d));
  }

  private QueryFunction query(TemplateData d) {
    if (querier == null) {
      return QueryFunction.unavailable();
    }
    return expr -> {
      List<io.vmrules.template.runtime.QuerySample> out = new ArrayList<>();
      for (Sample s : querier.query(QueryRequest.of(expr, d.time(), step)).asSamples()) {
        out.add(new io.vmrules.template.runtime.QuerySample(s.labels().asMap(), s.value()));
      }
      return out;
    };
  }
}
