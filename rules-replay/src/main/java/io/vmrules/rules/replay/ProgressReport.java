package io.vmrules.rules.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Prints a replay's progress: on a terminal one line redrawn in place (a bar, the point reached,
 * samples per second and the time left), otherwise one plain line per window. Retries and warnings
 * get lines of their own either way.
 */
public final class ProgressReport implements ReplayListener {
  private static final int BAR = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final InstantSource clock;
  private Instant started;
  private Instant from;
  private Instant to;
  private boolean drawn;

  public ProgressReport(PrintWriter out, boolean terminal, InstantSource clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public void started(int windows, Instant from, Instant to) {
    this.started = clock.instant();
    this.from = from;
    this.to = to;
    line(
        "replaying "
            + from
            + " to "
            + to
            + " in "
            + windows
            + (windows == 1 ? " window" : " windows"));
  }

  @Override
  public void windowDone(int index, int windows, Instant upTo, long samplesWritten) {
    Duration took = Duration.between(started, clock.instant());
    double done =
        (double) Duration.between(from, upTo).toMillis()
            / Math.max(1, Duration.between(from, to).toMillis());
    double seconds = Math.max(took.toMillis(), 1) / 1000.0;
    String rate = rate(samplesWritten / seconds) + " samples/s";
    if (terminal) {
      int filled = (int) Math.round(done * BAR);
      String eta =
          done <= 0
              ? "?"
              : duration(Duration.ofMillis((long) (took.toMillis() * (1 - done) / done)));
      out.print(
          "\r["
              + "#".repeat(filled)
              + ".".repeat(BAR - filled)
              + "] "
              + String.format("%3d%%", Math.round(done * 100))
              + " up to "
              + upTo
              + "  "
              + rate
              + "  ETA "
              + eta
              + "   ");
      drawn = true;
      if (index == windows - 1) {
        out.println();
        drawn = false;
      }
      out.flush();
    } else {
      line(
          "window "
              + (index + 1)
              + "/"
              + windows
              + " done: up to "
              + upTo
              + ", "
              + samplesWritten
              + " samples written, "
              + rate);
    }
  }

  @Override
  public void retrying(String what, int attempt, String error, Duration backoff) {
    line(
        what
            + " failed (attempt "
            + attempt
            + "): "
            + error
            + "; retrying in "
            + duration(backoff));
  }

  @Override
  public void warning(String message) {
    line("warning: " + message);
  }

  private void line(String text) {
    if (drawn) {
      out.println();
      drawn = false;
    }
    out.println("rules replay: " + text);
    out.flush();
  }

  static String rate(double perSecond) {
    if (perSecond >= 1e6) {
      return String.format("%.1fM", perSecond / 1e6);
    }
    if (perSecond >= 1e3) {
      return String.format("%.1fk", perSecond / 1e3);
    }
    return String.format("%.0f", perSecond);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return d.toMillis() < 10_000 ? String.format("%.1fs", d.toMillis() / 1000.0) : s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02ds", s % 60);
    }
    return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
  }
}
