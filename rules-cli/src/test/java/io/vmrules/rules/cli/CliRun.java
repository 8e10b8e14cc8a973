package io.vmrules.rules.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code rules} command line, the way {@code bin/rules} runs it, output captured.
 */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
