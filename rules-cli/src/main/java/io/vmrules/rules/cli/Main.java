package io.vmrules.rules.cli;

import io.vmrules.rules.validate.Validation;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The entry point of {@code bin/rules}: picocli parses the command line ({@link RulesCommand} and
 * its subcommands), except for the plain {@code rules validate} lines that CI runs.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Deep expressions recurse deeply: run on a thread with a large stack.
    int[] exit = new int[1];
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                exit[0] = execute(args);
              } catch (
                  Throwable
                      t) { // an Error (out of memory…) must never end in exit 0: CI would pass
                exit[0] = 3;
                fatal(t);
              }
            },
            "rules",
            1L << 30);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit[0] = 2;
    }
    System.exit(exit[0]);
  }

  static int execute(String... args) {
    // Reports are UTF-8 whatever the platform's default; flushed by the report writers.
    return execute(stdout(), stderr(), args);
  }

  static int execute(PrintWriter out, PrintWriter err, String... args) {
    // `rules validate` is what CI runs over and over: it does not pay for building the `run`
    // command's sixty-odd options, and a plain command line does not load picocli at all.
    boolean validate = args.length > 0 && args[0].equals("validate");
    if (validate) {
      // The second core initialises the compiler while this one reads the command line.
      Thread prepare = new Thread(null, Validation::prepare, "prepare", 1L << 24);
      prepare.setDaemon(true);
      prepare.start();
      ValidateArgs plain = ValidateArgs.parsePlain(args);
      if (plain != null) {
        try {
          return plain.run(out, err);
        } catch (Exception e) {
          return internalError(err, e);
        } finally {
          out.flush();
          err.flush();
        }
      }
    }
    // CI logs the tool's version: picocli's classes cannot be in the start-up cache, and building
    // the command line took half of `rules --version`'s 0.16 s.
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      out.println(versionLine());
      out.flush();
      return 0;
    }
    CommandLine cl = commandLine(!validate, out, err);
    int exit = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return exit;
  }

  /** "rules VERSION", the version from the jar's manifest ("dev" when run from classes). */
  static String versionLine() {
    String v = Main.class.getPackage().getImplementationVersion();
    return "rules " + (v == null ? "dev" : v);
  }

  static CommandLine commandLine() {
    return commandLine(true, stdout(), stderr());
  }

  /**
   * Standard output as UTF-8 straight to its file descriptor ({@link Utf8Output}): a report of tens
   * of thousands of findings no longer passes System.out's synchronized stream and second buffer
   * (about 15 ms at 50k rules). Flushed by whoever writes a report.
   */
  private static PrintWriter stdout() {
    return new PrintWriter(new Utf8Output(new FileOutputStream(FileDescriptor.out)));
  }

  private static PrintWriter stderr() {
    return new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
  }

  /** Says what broke and what to do, with as little allocation as possible (memory may be out). */
  static void fatal(Throwable t) {
    try {
      String hint =
          t instanceof OutOfMemoryError
              ? "the rule files need more memory than the JVM may use: raise it, e.g."
                  + " RULES_JAVA_OPTS=\"-XX:+UseSerialGC -Xmx4g\" bin/rules …"
              : t instanceof StackOverflowError
                  ? "an expression or file is nested too deeply"
                  : "please report it with the command line and the file";
      System.err.println("rules: internal error: " + t + "; " + hint);
      System.err.flush();
    } catch (Throwable ignored) {
      // nothing left to say it with; the exit status still says it
    }
  }

  private static int internalError(PrintWriter err, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    err.println("rules: internal error: " + e);
    return 3;
  }

  private static CommandLine commandLine(boolean withRun, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new RulesCommand());
    CommandLine validate = new CommandLine(new ValidateCommand());
    HttpAuthFlags.add(validate.getCommandSpec(), "datasource", "the datasource (online checks)");
    cl.addSubcommand(validate);
    if (withRun) {
      CommandLine run = new CommandLine(new RunCommand());
      RunCommand.addAuthFlags(run.getCommandSpec());
      cl.addSubcommand(run);
      CommandLine replay = new CommandLine(new ReplayCommand());
      ReplayCommand.addAuthFlags(replay.getCommandSpec());
      cl.addSubcommand(replay);
      cl.addSubcommand(new TestCommand());
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> internalError(commandLine.getErr(), e));
    return cl;
  }
}
