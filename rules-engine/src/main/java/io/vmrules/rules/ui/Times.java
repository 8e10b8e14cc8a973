package io.vmrules.rules.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How the pages print instants and durations: relative to the page's clock, and absolute UTC. */
final class Times {
  private static final DateTimeFormatter ABSOLUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2024-05-01 12:00:30Z}; {@code never} for null. */
  static String absolute(Instant t) {
    return t == null ? "never" : ABSOLUTE.format(t);
  }

  /** ISO 8601 for {@code <time datetime>}, to the millisecond. */
  static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /** {@code 3m 20s ago}, {@code in 5s}; {@code never} for null. */
  static String relative(Instant t, Instant now) {
    if (t == null) {
      return "never";
    }
    Duration d = Duration.between(t, now);
    if (d.isNegative()) {
      return "in " + coarse(d.negated());
    }
    return d.toMillis() < 1000 ? "just now" : coarse(d) + " ago";
  }

  /** Two units at most: {@code 2d 3h}, {@code 5m 12s}, {@code 42s}. */
  static String coarse(Duration d) {
    long s = d.toSeconds();
    long days = s / 86400;
    long hours = (s % 86400) / 3600;
    long minutes = (s % 3600) / 60;
    long seconds = s % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m " + seconds + "s";
    }
    return seconds + "s";
  }

  /** An evaluation's duration: {@code 850µs}, {@code 12.3ms}, {@code 1.25s}. */
  static String took(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000) {
      return (nanos / 1000) + "µs";
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
  }

  /** A rule-file duration: {@code 5m}, {@code 1h30m}, {@code 0s}. */
  static String spec(Duration d) {
    if (d == null || d.isZero()) {
      return "0s";
    }
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** Writes {@code <time datetime="…" title="absolute">relative</time>}. */
  static void write(Html html, Instant t, Instant now) {
    if (t == null) {
      html.el("span", "never", "class", "muted");
      return;
    }
    html.el("time", relative(t, now), "datetime", iso(t), "title", absolute(t));
  }
}
