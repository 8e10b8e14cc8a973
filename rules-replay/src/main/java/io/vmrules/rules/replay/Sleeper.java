package io.vmrules.rules.replay;

import java.time.Duration;

/** Waits between retries and polls; tests pass one that only records the waits. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration d) throws InterruptedException;
}
