package io.vmrules.template.funcs;

import io.vmrules.template.gofmt.GoFmt;
import io.vmrules.template.gofmt.GoQuote;
import io.vmrules.template.runtime.FunctionException;
import io.vmrules.template.runtime.QuerySample;
import io.vmrules.template.runtime.TemplateFunction;
import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoTime;
import io.vmrules.template.value.GoValues;
import java.time.Instant;
import java.util.List;

/**
 * vmalert's additions and differences ({@code app/vmalert/templates}): escapers, duration and time
 * helpers, and {@code strvalue} returning the metric name.
 */
public final class VmalertFunctions {
  private VmalertFunctions() {}

  public static List<TemplateFunction> all() {
    return List.of(
        TemplateFunction.fixed("jsonEscape", 1, (c, a) -> GoQuote.jsonQuote(Args.string(a, 0))),
        TemplateFunction.fixed(
            "quotesEscape",
            1,
            (c, a) -> {
              String q = GoQuote.jsonQuote(Args.string(a, 0));
              return q.substring(1, q.length() - 1);
            }),
        TemplateFunction.fixed(
            "htmlEscape", 1, (c, a) -> GoQuote.htmlEscapeString(Args.string(a, 0))),
        TemplateFunction.fixed(
            "crlfEscape", 1, (c, a) -> Args.string(a, 0).replace("\n", "\\n").replace("\r", "\\r")),
        TemplateFunction.fixed("pathEscape", 1, (c, a) -> Escapes.pathEscape(Args.string(a, 0))),
        TemplateFunction.fixed("queryEscape", 1, (c, a) -> Escapes.queryEscape(Args.string(a, 0))),
        TemplateFunction.fixed(
            "strvalue",
            1,
            (c, a) -> Args.sample(a, 0, "templates.metric").labels().getOrDefault("__name__", "")),
        TemplateFunction.fixed(
            "parseDuration", 1, (c, a) -> TemplateDurations.laxSeconds(Args.string(a, 0))),
        TemplateFunction.fixed(
            "parseDurationTime",
            1,
            (c, a) ->
                new GoDuration(Math.round(TemplateDurations.laxSeconds(Args.string(a, 0)) * 1e9))),
        TemplateFunction.fixed(
            "toTime",
            1,
            (c, a) -> {
              double v = Args.toFloat(a.get(0));
              if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new FunctionException("cannot convert " + GoFmt.value(v) + " to time.Time");
              }
              return GoTime.utc(Instant.ofEpochMilli((long) (v * 1e3)));
            }),
        TemplateFunction.fixed(
            "humanizeTimestamp",
            1,
            (c, a) -> {
              double v = Args.toFloat(a.get(0));
              if (Double.isNaN(v) || Double.isInfinite(v)) {
                return GoFmt.sprintf("%.4g", List.of(v), 64);
              }
              return GoTime.utc(Instant.ofEpochMilli((long) (v * 1e3))).toString();
            }),
        TemplateFunction.fixed(
            "formatTime",
            1,
            (c, a) -> {
              if (a.get(0) instanceof GoTime t) {
                return t.format("02 Jan 06 15:04 MST");
              }
              throw new FunctionException(
                  "formatTime: expected time.Time, got " + GoValues.typeName(a.get(0)));
            }),
        TemplateFunction.fixed("value", 1, (c, a) -> Args.sample(a, 0, "templates.metric").value()),
        TemplateFunction.fixed(
            "sortByLabel",
            2,
            (c, a) -> {
              String label = Args.string(a, 0);
              List<QuerySample> sorted =
                  new java.util.ArrayList<>(Args.samples(a, 1, "[]templates.metric"));
              sorted.sort(java.util.Comparator.comparing(s -> s.labels().getOrDefault(label, "")));
              return sorted;
            }));
  }
}
