package io.vmrules.rules.ui;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code /status}: version and start time, the flags (secrets redacted by whoever built the {@link
 * StatusInfo}), the rule files with their hashes and the latest reload, the notifiers' and the
 * remote-write queues.
 */
final class StatusPage {
  private StatusPage() {}

  static String render(StatusInfo status, Instant now) {
    return Layout.page(
        "Status",
        "status",
        "metrics",
        now,
        16384,
        html -> {
          html.open("dl", "class", "facts")
              .el("dt", "version")
              .el("dd", status.version())
              .el("dt", "started")
              .open("dd");
          Times.write(html, status.startedAt(), now);
          html.text(" (" + Times.absolute(status.startedAt()) + ")");
          if (status.startedAt() != null) {
            html.text(", up " + Times.coarse(Duration.between(status.startedAt(), now)));
          }
          html.close("dd").close("dl");

          html.el("h2", "Rule files (" + status.files().size() + ")");
          StatusInfo.Reload reload = status.lastReload();
          if (reload != null) {
            html.open("p")
                .text("Last load ")
                .el(
                    "span",
                    reload.success() ? "succeeded" : "failed",
                    "class",
                    "health " + (reload.success() ? "ok" : "err"))
                .text(" ");
            Times.write(html, reload.at(), now);
            html.close("p");
            if (reload.message() != null && !reload.message().isEmpty()) {
              html.el("pre", reload.message(), "class", reload.success() ? "log" : "log error");
            }
          }
          table(html, "files", "File", "SHA-256");
          for (StatusInfo.RuleFile f : status.files()) {
            html.open("tr").el("td", f.path()).el("td", f.sha256(), "class", "hash").close("tr");
          }
          html.close("tbody").close("table");

          html.el("h2", "Notifiers (" + status.notifiers().size() + ")");
          if (status.notifiers().isEmpty()) {
            html.el("p", "No --notifier.url: alerts are not sent.", "class", "empty");
          } else {
            table(html, "notifiers", "Alertmanager", "Sent", "Errors", "Dropped", "Queued");
            for (StatusInfo.NotifierQueue n : status.notifiers()) {
              html.open("tr")
                  .el("td", n.url())
                  .el("td", Long.toString(n.sent()), "class", "num")
                  .el("td", Long.toString(n.errors()), "class", n.errors() > 0 ? "num warn" : "num")
                  .el("td", Long.toString(n.dropped()), "class", "num")
                  .el("td", Long.toString(n.queued()), "class", "num")
                  .close("tr");
            }
            html.close("tbody").close("table");
          }

          html.el("h2", "Remote write");
          StatusInfo.RemoteWriteQueue rw = status.remoteWrite();
          if (rw == null) {
            html.el("p", "No --remoteWrite.url: results are not written.", "class", "empty");
          } else {
            table(
                html, "remote-write", "URL", "Samples sent", "Dropped", "Request errors", "Queued");
            html.open("tr")
                .el("td", rw.url())
                .el("td", Long.toString(rw.samplesSent()), "class", "num")
                .el("td", Long.toString(rw.samplesDropped()), "class", "num")
                .el("td", Long.toString(rw.requestErrors()), "class", "num")
                .el("td", Long.toString(rw.queued()), "class", "num")
                .close("tr")
                .close("tbody")
                .close("table");
          }

          html.el("h2", "Flags");
          table(html, "flags", "Flag", "Value");
          for (StatusInfo.Flag f : status.flags()) {
            html.open("tr")
                .el("td", f.name(), "class", "mono")
                .el("td", f.value(), "class", "mono")
                .close("tr");
          }
          html.close("tbody").close("table");
        });
  }

  private static void table(Html html, String id, String... headings) {
    html.open("table", "id", id).open("thead").open("tr");
    for (String h : headings) {
      html.el("th", h);
    }
    html.close("tr").close("thead").open("tbody");
  }
}
