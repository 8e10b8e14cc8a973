package io.vmrules.rules.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Go template engine: substitutes {@code {{ $labels.x }}}, {@code {{ .Labels.x
 * }}}, {@code {{ $value }}}, {@code {{ .Value }}}, {@code {{ $externalURL }}} and {@code {{
 * $externalLabels.x }}}; any other action is left as written.
 */
public final class PlaceholderRenderer implements AnnotationRenderer {
  private static final Pattern ACTION =
      Pattern.compile(
          "\\{\\{-?\\s*(?:(\\$labels|\\.Labels|\\$externalLabels|\\.ExternalLabels)\\.([A-Za-z_][A-Za-z0-9_]*)"
              + "|(\\$value|\\.Value)|(\\$externalURL|\\.ExternalURL)|(\\$expr|\\.Expr))\\s*-?}}");

  @Override
  public String render(String template, TemplateData data) {
    if (template.indexOf("{{") < 0) {
      return template;
    }
    Matcher m = ACTION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        boolean external = m.group(1).toLowerCase(java.util.Locale.ROOT).contains("external");
        String v = external ? data.externalLabels().get(m.group(2)) : data.labels().get(m.group(2));
        replacement = v == null ? "" : v;
      } else if (m.group(3) != null) {
        replacement = formatValue(data.value());
      } else if (m.group(4) != null) {
        replacement = data.externalURL();
      } else {
        replacement = data.expr();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Go's {@code %v} of a float64: shortest form, exponent for large and small values. */
  static String formatValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e21) {
      return Long.toString((long) v);
    }
    double abs = Math.abs(v);
    if (abs >= 1e-4 && abs < 1e21) {
      return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
    String s = Double.toString(v).replace("E", "e");
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
    String exp = s.substring(e + 1);
    boolean neg = exp.startsWith("-");
    String digits = neg ? exp.substring(1) : exp;
    if (digits.length() < 2) {
      digits = "0" + digits;
    }
    return mantissa + "e" + (neg ? "-" : "+") + digits;
  }
}
