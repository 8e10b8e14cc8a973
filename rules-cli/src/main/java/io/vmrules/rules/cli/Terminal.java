package io.vmrules.rules.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal, on JDK 17 and on newer JDKs. */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    if (System.getenv("NO_COLOR") != null) {
      return false; // no-color.org
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From JDK 22 System.console() is not null when redirected; Console.isTerminal() tells.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
