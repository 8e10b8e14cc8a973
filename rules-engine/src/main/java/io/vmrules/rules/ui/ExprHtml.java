package io.vmrules.rules.ui;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.print.Printer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An expression pretty-printed by our {@link Printer} and coloured: the printed text is split into
 * spans ({@code fn}, {@code kw}, {@code metric}, {@code label}, {@code str}, {@code num}, {@code
 * op}), each escaped. The printer's output is already well-formed, so a small scanner is enough; an
 * expression that does not parse (it cannot be running, but still) is shown as written.
 *
 * <p>Rules change only on reload, so the result is cached per dialect and text (bounded: the cache
 * is cleared when it passes {@link #MAX_CACHED} entries).
 */
final class ExprHtml {
  static final int MAX_CACHED = 50_000;

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "and",
          "or",
          "unless",
          "atan2",
          "with",
          "keep_metric_names",
          "if",
          "ifnot",
          "default",
          "limit",
          "start",
          "end");

  private final Dialect dialect;
  private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

  ExprHtml(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The coloured HTML of {@code expr} (its spans, no enclosing element). */
  String html(String expr) {
    String cached = cache.get(expr);
    if (cached != null) {
      return cached;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    String html = colour(pretty(expr, dialect));
    cache.put(expr, html);
    return html;
  }

  static String pretty(String expr, Dialect dialect) {
    try {
      ParseResult parsed = PromQL.parse(expr, dialect);
      if (parsed.expr() == null || parsed.hasErrors()) {
        return expr;
      }
      return Printer.pretty(parsed.expr(), dialect);
    } catch (RuntimeException e) {
      return expr;
    }
  }

  /** Splits printed PromQL/MetricsQL into classed spans. */
  static String colour(String text) {
    StringBuilder out = new StringBuilder(text.length() * 2);
    int n = text.length();
    int braces = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int j;
      if (c == '"' || c == '\'' || c == '`') {
        j = i + 1;
        while (j < n && text.charAt(j) != c) {
          j += text.charAt(j) == '\\' && c != '`' ? 2 : 1;
        }
        j = Math.min(j + 1, n);
        span(out, "str", text, i, j);
      } else if (c == '#') {
        j = text.indexOf('\n', i);
        j = j < 0 ? n : j;
        span(out, "comment", text, i, j);
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
        j = i + 1;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.')) {
          j++;
        }
        span(out, "num", text, i, j);
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        j = i + 1;
        while (j < n && isNameChar(text.charAt(j))) {
          j++;
        }
        String word = text.substring(i, j);
        int k = j;
        while (k < n && text.charAt(k) == ' ') {
          k++;
        }
        String cls;
        if (braces > 0) {
          cls = word.equals("or") ? "kw" : "label"; // MetricsQL's {a="1" or b="2"}
        } else if (k < n && text.charAt(k) == '(') {
          cls = KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) ? "kw" : "fn";
        } else if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
          cls = "kw";
        } else if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan")) {
          cls = "num";
        } else {
          cls = "metric";
        }
        span(out, cls, text, i, j);
      } else if (Character.isWhitespace(c)) {
        j = i + 1;
        while (j < n && Character.isWhitespace(text.charAt(j))) {
          j++;
        }
        Html.escape(text.substring(i, j), out);
      } else {
        j = i + 1;
        if (c == '{') {
          braces++;
        } else if (c == '}') {
          braces = Math.max(0, braces - 1);
        }
        if (c == '(' || c == ')' || c == '{' || c == '}' || c == '[' || c == ']' || c == ',') {
          Html.escape(text.substring(i, j), out);
        } else {
          while (j < n && "=!~<>+-*/%^@".indexOf(text.charAt(j)) >= 0) {
            j++;
          }
          span(out, "op", text, i, j);
        }
      }
      i = j;
    }
    return out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.';
  }

  private static void span(StringBuilder out, String cls, String text, int from, int to) {
    out.append("<span class=\"").append(cls).append("\">");
    Html.escape(text.substring(from, to), out);
    out.append("</span>");
  }
}
