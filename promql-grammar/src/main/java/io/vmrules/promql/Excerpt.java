package io.vmrules.promql;

/** A piece of user text short enough to quote in a message. */
public final class Excerpt {
  private Excerpt() {}

  /** {@code s} itself when at most {@code max} characters, else its start and "...". */
  public static String of(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
  }
}
