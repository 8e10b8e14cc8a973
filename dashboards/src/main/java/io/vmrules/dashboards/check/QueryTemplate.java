package io.vmrules.dashboards.check;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's variable syntax in query text: {@code $name}, {@code ${name}}, {@code ${name:format}}
 * and {@code [[name]]}. Finds the names used and substitutes them so the query can be compiled.
 */
public final class QueryTemplate {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^]]*)?]]");

  /** Grafana's global variables usable in Prometheus queries. */
  public static final Set<String> BUILT_INS =
      Set.of(
          "__rate_interval",
          "__interval",
          "__interval_ms",
          "__range",
          "__range_s",
          "__range_ms",
          "__from",
          "__to",
          "__dashboard",
          "__user",
          "__org");

  /**
   * Placeholder of {@code $__rate_interval}: a duration nobody writes by hand, so after parsing a
   * range equal to it is known to come from the macro.
   */
  public static final String RATE_INTERVAL_PLACEHOLDER = "17m17s";

  public static final long RATE_INTERVAL_PLACEHOLDER_MILLIS = (17 * 60 + 17) * 1000L;

  /** Placeholders of the other built-ins, by the syntax they stand for. */
  public static final Map<String, String> BUILT_IN_PLACEHOLDERS =
      Map.of(
          "__rate_interval", RATE_INTERVAL_PLACEHOLDER,
          "__interval", "1m",
          "__range", "1h",
          "__interval_ms", "60000",
          "__range_ms", "3600000",
          "__range_s", "3600",
          "__from", "1700000000000",
          "__to", "1700003600000");

  private QueryTemplate() {}

  /** The variable names referenced in {@code text}, in order of first use. */
  public static Set<String> references(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text == null) {
      return names;
    }
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      if (!isCaptureGroup(m)) {
        names.add(name(m));
      }
    }
    return names;
  }

  /** {@code text} with each reference replaced by {@code replacement.apply(name)}. */
  public static String substitute(String text, Function<String, String> replacement) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replaced = isCaptureGroup(m) ? m.group() : replacement.apply(name(m));
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code $1} in a {@code label_replace} replacement is a regex group, not a variable. */
  private static boolean isCaptureGroup(Matcher m) {
    return name(m).chars().allMatch(Character::isDigit);
  }

  private static String name(Matcher m) {
    for (int g = 1; g <= 3; g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    throw new IllegalStateException();
  }
}
