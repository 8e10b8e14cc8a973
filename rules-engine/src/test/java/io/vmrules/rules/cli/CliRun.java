package io.vmrules.rules.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code rules} command line with its output captured. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return new CliRun(exit, out.toString(), err.toString());
  }
}
