package io.vmrules.promql;

/**
 * Metric and label name syntax as Prometheus defines it (the legacy, unquoted form): the one place
 * the parser, the printer and the rule-file checks ask.
 */
public final class Names {
  private Names() {}

  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} */
  public static boolean isMetricName(String s) {
    return matches(s, true);
  }

  /** {@code [a-zA-Z_][a-zA-Z0-9_]*} */
  public static boolean isLabelName(String s) {
    return matches(s, false);
  }

  private static boolean matches(String s, boolean colon) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (colon && c == ':')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
