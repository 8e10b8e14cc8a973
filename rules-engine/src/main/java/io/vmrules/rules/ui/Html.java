package io.vmrules.rules.ui;

/**
 * A small HTML writer that escapes everything it is given: text with {@link #text}, attribute
 * values in {@link #open}/{@link #el}. Tag and attribute names are constants in the page classes,
 * never data. {@link #raw} is for markup written in this package (the stylesheet link, entities).
 *
 * <pre>{@code
 * html.open("td", "class", "value").text(alert.value()).close("td");
 * html.el("a", rule.name(), "href", Links.rule(group, rule));
 * }</pre>
 */
final class Html {
  private final StringBuilder out;

  Html(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  Html() {
    this(8192);
  }

  /**
   * {@code <tag name="value" …>}; {@code attrs} are name/value pairs, a null value leaves the
   * attribute out and an empty name-only value (for {@code hidden}, {@code open}…) is written
   * without {@code =""}.
   */
  Html open(String tag, String... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append('>');
    return this;
  }

  Html close(String tag) {
    out.append("</").append(tag).append('>');
    if (LINE_AFTER.contains(tag)) {
      out.append('\n'); // whitespace between blocks: the page source and golden diffs read by line
    }
    return this;
  }

  /** Block elements after which a line break changes nothing on the page. */
  private static final java.util.Set<String> LINE_AFTER =
      java.util.Set.of(
          "head", "header", "nav", "main", "footer", "section", "form", "table", "thead", "tbody",
          "tr", "dl", "p", "h1", "h2", "details", "pre", "html", "body");

  /** {@code <tag …>text</tag>}, the text escaped. */
  Html el(String tag, String text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /** A void element ({@code <input>}, {@code <meta>}). */
  Html empty(String tag, String... attrs) {
    return open(tag, attrs);
  }

  Html text(String s) {
    escape(s, out);
    return this;
  }

  Html text(long n) {
    out.append(n);
    return this;
  }

  /** Markup from this package only: never pass data here. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  private void attributes(String[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      String value = attrs[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(attrs[i]);
      if (!value.isEmpty() || !BOOLEAN_ATTRIBUTES.contains(attrs[i])) {
        out.append("=\"");
        escape(value, out);
        out.append('"');
      }
    }
  }

  private static final java.util.Set<String> BOOLEAN_ATTRIBUTES =
      java.util.Set.of("hidden", "open", "checked", "selected", "disabled", "autofocus", "defer");

  @Override
  public String toString() {
    return out.toString();
  }

  /** Text escaped for HTML element content and double-quoted attribute values. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s == null ? 0 : s.length() + 16);
    escape(s, b);
    return b.toString();
  }

  private static boolean special(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '\u0000';
  }

  static void escape(String s, StringBuilder out) {
    if (s == null) {
      return;
    }
    int n = s.length();
    int i = 0;
    while (i < n && !special(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      out.append(s); // most values (names, numbers, most label values) need no escaping
      return;
    }
    out.append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\u0000' -> out.append('\uFFFD'); // HTML parsers drop or replace NUL anyway
        default -> out.append(c);
      }
    }
  }
}
