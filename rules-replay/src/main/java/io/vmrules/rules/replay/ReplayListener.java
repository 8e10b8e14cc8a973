package io.vmrules.rules.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * What a replay reports while it runs: progress, retries, warnings. Every method may be ignored.
 */
public interface ReplayListener {
  ReplayListener NONE = new ReplayListener() {};

  /** Before the first window: how many windows, over which range. */
  default void started(int windows, Instant from, Instant to) {}

  /** Window {@code index} (from 0) is done: everything before {@code upTo} is written. */
  default void windowDone(int index, int windows, Instant upTo, long samplesWritten) {}

  /** A query or write failed and is retried after {@code backoff}. */
  default void retrying(String what, int attempt, String error, Duration backoff) {}

  /** Something the user should know that does not stop the replay. */
  default void warning(String message) {}
}
