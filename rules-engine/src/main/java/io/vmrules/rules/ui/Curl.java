package io.vmrules.rules.ui;

import io.vmrules.rules.model.GroupSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code curl} command that sends a rule's query as the engine sent it: a form POST to {@code
 * /api/v1/query} with {@code query}, {@code time}, {@code step} and the group's {@code params}.
 * Credentials and the group's {@code headers} are left out (they may be secrets). Every value is
 * single-quoted for a POSIX shell.
 */
final class Curl {
  private Curl() {}

  static String query(
      String datasourceUrl, GroupSpec group, String expr, Instant time, Duration step) {
    String base =
        datasourceUrl.endsWith("/")
            ? datasourceUrl.substring(0, datasourceUrl.length() - 1)
            : datasourceUrl;
    StringBuilder b = new StringBuilder("curl -s ");
    b.append(quote(base + "/api/v1/query"));
    b.append(" --data-urlencode ").append(quote("query=" + expr));
    b.append(" -d ").append(quote("time=" + seconds(time)));
    String stepText = step.toMillis() % 1000 == 0 ? step.toSeconds() + "s" : step.toMillis() + "ms";
    b.append(" -d ").append(quote("step=" + stepText));
    for (Map.Entry<String, List<String>> p : group.params().entrySet()) {
      for (String v : p.getValue()) {
        b.append(" --data-urlencode ").append(quote(p.getKey() + "=" + v));
      }
    }
    return b.toString();
  }

  /** Unix seconds with milliseconds, as the engine sends {@code time}. */
  static String seconds(Instant t) {
    long ms = t.toEpochMilli();
    return String.format(
        java.util.Locale.ROOT, "%d.%03d", Math.floorDiv(ms, 1000), Math.floorMod(ms, 1000));
  }

  /** {@code 'text'}, a quote inside written as {@code '\''}. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
