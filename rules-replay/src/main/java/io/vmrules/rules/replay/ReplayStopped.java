package io.vmrules.rules.replay;

import java.time.Instant;

/**
 * The replay gave up (a query or write failed every attempt, or results never became queryable).
 * Everything before {@link #resumeFrom} is written; a replay with {@code --from resumeFrom} picks
 * up there.
 */
public final class ReplayStopped extends Exception {
  private final Instant resumeFrom;
  private final transient ReplaySummary summary;

  public ReplayStopped(String message, Instant resumeFrom, ReplaySummary summary) {
    super(message);
    this.resumeFrom = resumeFrom;
    this.summary = summary;
  }

  public Instant resumeFrom() {
    return resumeFrom;
  }

  /** What was done before the stop. */
  public ReplaySummary summary() {
    return summary;
  }
}
