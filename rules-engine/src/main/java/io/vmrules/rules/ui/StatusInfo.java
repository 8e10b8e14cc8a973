package io.vmrules.rules.ui;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the status page shows, gathered by the engine when the page is asked for.
 *
 * @param flags the command line's flags with their values, secrets already replaced by {@code
 *     <secret>}
 * @param files the rule files of the running groups, as last loaded
 * @param lastReload the latest (re)load, or null before the first
 * @param remoteWrite null without {@code --remoteWrite.url}
 */
public record StatusInfo(
    String version,
    Instant startedAt,
    List<Flag> flags,
    List<RuleFile> files,
    Reload lastReload,
    List<NotifierQueue> notifiers,
    RemoteWriteQueue remoteWrite) {
  public StatusInfo {
    Objects.requireNonNull(version, "version");
    flags = List.copyOf(flags);
    files = List.copyOf(files);
    notifiers = List.copyOf(notifiers);
  }

  /** One flag and its value as given (or its default), secrets redacted. */
  public record Flag(String name, String value) {}

  /** A rule file and the SHA-256 of its content when it was last loaded. */
  public record RuleFile(String path, String sha256) {}

  /** The latest load or reload of the rule files. */
  public record Reload(Instant at, boolean success, String message) {}

  /** One Alertmanager: what was sent, failed, dropped, and what waits. */
  public record NotifierQueue(String url, long sent, long errors, long dropped, long queued) {}

  /** The remote-write queue. */
  public record RemoteWriteQueue(
      String url, long samplesSent, long samplesDropped, long requestErrors, long queued) {}
}
