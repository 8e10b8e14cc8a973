package io.vmrules.rules.replay;

import java.util.Map;

/** PromQL text for the selectors replay builds itself (visibility checks, alert-state restore). */
final class Selectors {
  private Selectors() {}

  /** {@code {__name__="name", k="v", …}} matching exactly these labels (and maybe more). */
  static String exact(String name, Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{__name__=").append(quote(name));
    labels.forEach(
        (k, v) -> {
          if (!k.equals("__name__") && v != null && !v.isEmpty()) {
            sb.append(',').append(k).append('=').append(quote(v));
          }
        });
    return sb.append('}').toString();
  }

  /** A double-quoted PromQL string. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
