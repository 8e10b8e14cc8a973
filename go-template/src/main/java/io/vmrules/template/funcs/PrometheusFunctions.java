package io.vmrules.template.funcs;

import io.vmrules.template.gofmt.GoFmt;
import io.vmrules.template.runtime.FunctionException;
import io.vmrules.template.runtime.QuerySample;
import io.vmrules.template.runtime.TemplateFunction;
import io.vmrules.template.value.AnyMap;
import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoTime;
import io.vmrules.template.value.SafeHtml;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The functions Prometheus gives alert and label templates ({@code template/template.go}), with its
 * number formatting ({@code %.4g}) and its error messages.
 */
public final class PrometheusFunctions {
  private PrometheusFunctions() {}

  static final String SAMPLE = "*template.sample";
  static final String RESULT = "template.queryResult";

  public static List<TemplateFunction> all() {
    GoRegexp regexp = new GoRegexp();
    return List.of(
        TemplateFunction.fixed("query", 1, (c, a) -> c.query(Args.string(a, 0))),
        TemplateFunction.fixed(
            "first",
            1,
            (c, a) -> {
              List<QuerySample> v = Args.samples(a, 0, RESULT);
              if (v.isEmpty()) {
                throw new FunctionException("first() called on vector with no elements");
              }
              return v.get(0);
            }),
        TemplateFunction.fixed(
            "label",
            2,
            (c, a) -> Args.sample(a, 1, SAMPLE).labels().getOrDefault(Args.string(a, 0), "")),
        TemplateFunction.fixed("value", 1, (c, a) -> Args.sample(a, 0, SAMPLE).value()),
        TemplateFunction.fixed(
            "strvalue",
            1,
            (c, a) -> Args.sample(a, 0, SAMPLE).labels().getOrDefault("__value__", "")),
        TemplateFunction.variadic(
            "args",
            0,
            (c, a) -> {
              AnyMap m = new AnyMap();
              for (int i = 0; i < a.size(); i++) {
                m.put("arg" + i, a.get(i));
              }
              return m;
            }),
        TemplateFunction.fixed(
            "reReplaceAll",
            3,
            (c, a) -> regexp.replaceAll(Args.string(a, 0), Args.string(a, 1), Args.string(a, 2))),
        TemplateFunction.fixed("safeHtml", 1, (c, a) -> new SafeHtml(Args.string(a, 0))),
        TemplateFunction.fixed(
            "match", 2, (c, a) -> regexp.matches(Args.string(a, 0), Args.string(a, 1))),
        TemplateFunction.fixed("title", 1, (c, a) -> title(Args.string(a, 0))),
        TemplateFunction.fixed("toUpper", 1, (c, a) -> Args.string(a, 0).toUpperCase(Locale.ROOT)),
        TemplateFunction.fixed("toLower", 1, (c, a) -> Args.string(a, 0).toLowerCase(Locale.ROOT)),
        TemplateFunction.fixed(
            "graphLink",
            1,
            (c, a) -> "/graph?g0.expr=" + Escapes.queryEscape(Args.string(a, 0)) + "&g0.tab=0"),
        TemplateFunction.fixed(
            "tableLink",
            1,
            (c, a) -> "/graph?g0.expr=" + Escapes.queryEscape(Args.string(a, 0)) + "&g0.tab=1"),
        TemplateFunction.fixed(
            "sortByLabel",
            2,
            (c, a) -> {
              String label = Args.string(a, 0);
              List<QuerySample> sorted = new ArrayList<>(Args.samples(a, 1, RESULT));
              sorted.sort(Comparator.comparing(s -> s.labels().getOrDefault(label, "")));
              return sorted;
            }),
        TemplateFunction.fixed("humanize", 1, (c, a) -> humanize(Args.toFloat(a.get(0)))),
        TemplateFunction.fixed("humanize1024", 1, (c, a) -> humanize1024(Args.toFloat(a.get(0)))),
        TemplateFunction.fixed(
            "humanizeDuration", 1, (c, a) -> humanizeDuration(Args.toFloat(a.get(0)))),
        TemplateFunction.fixed(
            "humanizePercentage", 1, (c, a) -> g4(Args.toFloat(a.get(0)) * 100) + "%"),
        TemplateFunction.fixed(
            "humanizeTimestamp",
            1,
            (c, a) -> {
              double v = Args.toFloat(a.get(0));
              if (Double.isNaN(v) || Double.isInfinite(v)) {
                return g4(v);
              }
              return toTime(v).toString();
            }),
        TemplateFunction.fixed(
            "toTime",
            1,
            (c, a) -> {
              double v = Args.toFloat(a.get(0));
              if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new FunctionException("cannot convert " + GoFmt.value(v) + " to time.Time");
              }
              return toTime(v);
            }),
        TemplateFunction.fixed(
            "toDuration", 1, (c, a) -> new GoDuration(goInt64(Args.toFloat(a.get(0)) * 1e9))),
        TemplateFunction.fixed(
            "parseDuration",
            1,
            (c, a) -> TemplateDurations.prometheusMillis(Args.string(a, 0)) / 1e3),
        TemplateFunction.fixed("externalURL", 0, (c, a) -> c.data().externalUrl()),
        TemplateFunction.fixed("pathPrefix", 0, (c, a) -> pathOf(c.data().externalUrl())),
        TemplateFunction.fixed(
            "stripPort",
            1,
            (c, a) -> {
              String hostPort = Args.string(a, 0);
              String[] hp = HostPorts.split(hostPort);
              return hp == null ? hostPort : hp[0];
            }),
        TemplateFunction.fixed("stripDomain", 1, (c, a) -> stripDomain(Args.string(a, 0))),
        TemplateFunction.fixed(
            "urlQueryEscape", 1, (c, a) -> Escapes.queryEscape(Args.string(a, 0))),
        TemplateFunction.fixed(
            "tmpl", 2, (c, a) -> new SafeHtml(c.executeTemplate(Args.string(a, 0), a.get(1)))));
  }

  private static String g4(double v) {
    return GoFmt.sprintf("%.4g", List.of(v), 64);
  }

  /** Go converts an out-of-range float to int64 as the platform does; amd64 gives MinInt64. */
  private static long goInt64(double v) {
    if (Double.isNaN(v) || v >= 0x1p63 || v < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) v;
  }

  /** Prometheus: seconds to nanoseconds, truncated to milliseconds ({@code model.Time}). */
  static GoTime toTime(double seconds) {
    double nanos = seconds * 1e9;
    if (nanos > 0x1p63 || nanos < -0x1p63) {
      throw new FunctionException(
          GoFmt.value(seconds)
              + " cannot be represented as a nanoseconds timestamp since it overflows int64");
    }
    return GoTime.utc(Instant.ofEpochMilli(goInt64(nanos) / 1_000_000));
  }

  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    if (Math.abs(v) >= 1) {
      String prefix = "";
      for (String p : new String[] {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
        if (Math.abs(v) < 1000) {
          break;
        }
        prefix = p;
        v /= 1000;
      }
      return g4(v) + prefix;
    }
    String prefix = "";
    for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix;
  }

  static String humanize1024(double v) {
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    String prefix = "";
    for (String p : new String[] {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}) {
      if (Math.abs(v) < 1024) {
        break;
      }
      prefix = p;
      v /= 1024;
    }
    return g4(v) + prefix;
  }

  static String humanizeDuration(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    if (v == 0) {
      return g4(v) + "s";
    }
    if (Math.abs(v) >= 1) {
      String sign = "";
      if (v < 0) {
        sign = "-";
        v = -v;
      }
      long whole = goInt64(v);
      long seconds = whole % 60;
      long minutes = (whole / 60) % 60;
      long hours = (whole / 60 / 60) % 24;
      long days = whole / 60 / 60 / 24;
      if (days != 0) {
        return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (hours != 0) {
        return sign + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (minutes != 0) {
        return sign + minutes + "m " + seconds + "s";
      }
      return sign + g4(v) + "s";
    }
    String prefix = "";
    for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix + "s";
  }

  /** Go's {@code strings.Title}: upper-cases the first letter of each word. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      out.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(c) : c);
      prev = c;
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static boolean isSeparator(int r) {
    if (r <= 0x7f) {
      return !((r >= '0' && r <= '9')
          || (r >= 'a' && r <= 'z')
          || (r >= 'A' && r <= 'Z')
          || r == '_');
    }
    if (Character.isLetter(r) || Character.isDigit(r)) {
      return false;
    }
    return Character.isWhitespace(r) || Character.isSpaceChar(r);
  }

  static String stripDomain(String hostPort) {
    String[] hp = HostPorts.split(hostPort);
    String host = hp == null ? hostPort : hp[0];
    String port = hp == null ? "" : hp[1];
    if (HostPorts.isIp(host)) {
      return hostPort;
    }
    int dot = host.indexOf('.');
    host = dot < 0 ? host : host.substring(0, dot);
    return port.isEmpty() ? host : HostPorts.join(host, port);
  }

  static String pathOf(String url) {
    try {
      String path = new URI(url).getPath();
      return path == null ? "" : path;
    } catch (URISyntaxException e) {
      return "";
    }
  }
}
