package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in rule files. Prometheus (model.ParseDuration) takes integer parts with units in
 * decreasing order ({@code 1h30m}, {@code 0}); vmalert also takes fractions ({@code 1.5m}) and a
 * leading minus.
 */
public final class Durations {
  private static final Pattern PROMETHEUS =
      Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|s|m|h|d|w|y)");
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L
  };

  private Durations() {}

  public static Optional<Duration> parse(String text, Dialect dialect) {
    String s = text.trim();
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PROMETHEUS.matcher(s);
    if (m.matches()) {
      long total = 0;
      for (int i = 0; i < UNIT_MILLIS.length; i++) {
        String g = m.group(i + 1);
        if (g != null) {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MILLIS[i]));
        }
      }
      return Optional.of(Duration.ofMillis(total));
    }
    if (dialect == Dialect.PROMQL) {
      return Optional.empty();
    }
    boolean negative = s.startsWith("-");
    String rest = negative ? s.substring(1) : s;
    Matcher p = PART.matcher(rest);
    double millis = 0;
    int at = 0;
    while (p.find() && p.start() == at) {
      millis += Double.parseDouble(p.group(1)) * unit(p.group(2));
      at = p.end();
    }
    if (at != rest.length() || at == 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(negative ? -millis : millis)));
  }

  private static long unit(String u) {
    return switch (u) {
      case "ms" -> 1L;
      case "s" -> 1000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      case "w" -> 7 * 86_400_000L;
      default -> 365 * 86_400_000L;
    };
  }
}
