package io.vmrules.template.funcs;

import io.vmrules.template.gofmt.GoFmt;
import io.vmrules.template.gofmt.GoQuote;
import io.vmrules.template.runtime.FunctionException;
import io.vmrules.template.runtime.QuerySample;
import io.vmrules.template.runtime.TemplateFunction;
import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoTime;
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
        // formatTime LAYOUT UNIX_SECONDS, as vmalert: {{ now | formatTime "2006-01-02" }}
        TemplateFunction.fixed(
            "formatTime",
            2,
            (c, a) -> {
              String layout = Args.string(a, 0);
              double v = Args.toFloat(a.get(1));
              if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new FunctionException(
                    "formatTime: cannot convert "
                        + GoFmt.sprintf("%v", List.of(v), 64)
                        + " to time");
              }
              return GoTime.fromUnixSeconds(v).format(layout);
            }),
        // whole Unix seconds at the time of rendering, as vmalert's (a float64)
        TemplateFunction.fixed("now", 0, (c, a) -> (double) c.data().now().getEpochSecond()),
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
