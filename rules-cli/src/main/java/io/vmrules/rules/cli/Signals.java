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
      sun.misc.SignalHandler previous =
          sun.misc.Signal.handle(
              new sun.misc.Signal("HUP"),
              signal -> {
                LOG.info("SIGHUP: reloading the rule files");
                action.run();
              });
      if (previous == sun.misc.SignalHandler.SIG_IGN) {
        // The JVM installs no handler for a signal its parent ignored (nohup does so for HUP): say
        // so, rather than let a reload by signal do nothing without a word.
        LOG.warn(
            "SIGHUP was ignored when rules started (nohup?), so it cannot reload: use POST /-/reload,"
                + " or start rules without nohup (e.g. setsid, or a service manager)");
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.warn("SIGHUP is not available here ({}): reload with POST /-/reload", e.getMessage());
    }
  }
}
