package io.vmrules.rules.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP handling (JDK-internal {@code sun.misc.Signal}; absent on some platforms). */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** Runs {@code action} on every SIGHUP; logs and does nothing where the signal is unknown. */
  static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal("HUP"),
          signal -> {
            LOG.info("SIGHUP: reloading the rule files");
            action.run();
          });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.warn("SIGHUP is not available here ({}): reload with POST /-/reload", e.getMessage());
    }
  }
}
