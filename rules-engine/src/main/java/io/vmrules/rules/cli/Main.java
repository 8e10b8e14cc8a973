package io.vmrules.rules.cli;

/** The {@code rules} command. */
public final class Main {
  public static void main(String[] args) {
    System.exit(2);
  }
}
