package io.vmrules.rules.lint;

import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.VectorSelector;

/**
 * Regex matchers that are plain strings ({@code job=~"api"}: use {@code =}, it is faster and says
 * what it means) and regexes that can never match because an anchor sits inside the pattern ({@code
 * "a$b"}): label values are matched whole, on one line.
 */
final class RegexLint implements Lint {

  @Override
  public void check(RuleContext rule) {
    rule.nodes()
        .forEach(
            e -> {
              if (e instanceof VectorSelector v) {
                for (LabelMatcher m : v.matchers()) {
                  if (m.op() != null && m.op().isRegex()) {
                    check(m, rule);
                  }
                }
              }
            });
  }

  private static void check(LabelMatcher m, RuleContext rule) {
    String re = m.value();
    if (!re.isEmpty() && !hasMeta(re)) {
      String op = m.op().symbol().startsWith("!") ? "!=" : "=";
      rule.warn(
          m.span(),
          LintCodes.REGEX_PLAIN_STRING,
          "regex \""
              + re
              + "\" has no special characters;"
              + " use "
              + m.name()
              + op
              + "\""
              + re
              + "\" instead");
      return;
    }
    String why = neverMatches(re);
    if (why != null) {
      rule.warn(
          m.span(), LintCodes.REGEX_NEVER_MATCHES, "regex \"" + re + "\" can never match: " + why);
    }
  }

  private static boolean hasMeta(String re) {
    for (int i = 0; i < re.length(); i++) {
      if (isMeta(re.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A character with a meaning in RE2 syntax (. * + ? ( ) [ ] { } | ^ $ and the backslash): a
   * switch, as String.indexOf per character is a chain of calls on C1.
   */
  private static boolean isMeta(char c) {
    return switch (c) {
      case '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\' -> true;
      default -> false;
    };
  }

  /** Finds an end anchor followed by more pattern or a start anchor after some pattern. */
  static String neverMatches(String re) {
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (inClass) {
        inClass = c != ']';
        continue;
      }
      if (c == '[') {
        inClass = true;
        // A ']' right after '[' or '[^' is a literal.
        if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
          i++;
        }
      } else if (c == '$' && i + 1 < re.length() && isLiteral(re.charAt(i + 1))) {
        return "\"$\" (end of value) is followed by \"" + re.charAt(i + 1) + "\"";
      } else if (c == '^' && i > 0 && isLiteral(re.charAt(i - 1)) && !escaped(re, i - 1)) {
        return "\"^\" (start of value) follows \"" + re.charAt(i - 1) + "\"";
      }
    }
    return null;
  }

  private static boolean isLiteral(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/';
  }

  private static boolean escaped(String re, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && re.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
