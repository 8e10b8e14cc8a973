package io.vmrules.rules.replay;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The summary a replay prints at the end: one line in total, then one per rule. */
public final class SummaryText {
  private SummaryText() {}

  public static void print(ReplaySummary summary, PrintWriter out) {
    long points = 0;
    long samples = 0;
    for (RuleSummary r : summary.rules()) {
      points += r.pointsQueried();
      samples += r.samplesWritten();
    }
    out.println(
        (summary.complete() ? "replayed " : "replayed (stopped early) ")
            + summary.rules().size()
            + (summary.rules().size() == 1 ? " rule: " : " rules: ")
            + points
            + " points queried, "
            + samples
            + " samples written");
    for (RuleSummary r : summary.rules()) {
      StringBuilder sb =
          new StringBuilder("  group \"")
              .append(r.group())
              .append("\" ")
              .append(r.alerting() ? "alert \"" : "record \"")
              .append(r.rule())
              .append("\": ")
              .append(r.pointsQueried())
              .append(" points, ")
              .append(r.samplesWritten())
              .append(" samples");
      if (r.samplesFound() > 0) {
        sb.append(" (").append(r.samplesFound()).append(" more already written)");
      }
      if (r.alerting()) {
        sb.append(", fired ").append(r.firings()).append(r.firings() == 1 ? " time" : " times");
        if (r.firings() > 0) {
          List<String> at = new ArrayList<>();
          for (Instant i : r.firstFirings()) {
            at.add(i.toString());
          }
          sb.append(" (first: ")
              .append(String.join(", ", at))
              .append(r.firings() > at.size() ? ", …" : "")
              .append(')');
        }
      }
      if (r.errors() > 0) {
        sb.append(", ")
            .append(r.errors())
            .append(" failed evaluations (first: ")
            .append(r.firstError())
            .append(')');
      }
      out.println(sb);
    }
    out.flush();
  }
}
