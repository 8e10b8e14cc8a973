package io.vmrules.promql;

/** Entry point of the compiler: parse, check and print PromQL/MetricsQL expressions. */
public final class PromQL {
  private PromQL() {}

  /** Parses {@code text}: syntax and dialect diagnostics only. Never throws for user input. */
  public static ParseResult parse(String text, Dialect dialect) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Parses and type-checks {@code text}. Never throws for user input. */
  public static ParseResult check(String text, Dialect dialect) {
    throw new UnsupportedOperationException("not yet");
  }
}
