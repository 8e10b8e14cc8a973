package io.vmrules.rules.cli;

import io.vmrules.rules.validate.Validation;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rules} command: validate rule files, or run them. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Alerting and recording-rule engine for VictoriaMetrics.")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: validate or run");
  }

  public static void main(String[] args) {
    // Deep expressions recurse deeply: run on a thread with a large stack.
    int[] exit = new int[1];
    Thread worker = new Thread(null, () -> exit[0] = execute(args), "rules", 1L << 30);
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
    // `rules validate` is what CI runs over and over: it does not pay for building the `run`
    // command's sixty-odd options.
    boolean validate = args.length > 0 && args[0].equals("validate");
    if (validate) {
      // The second core initialises the compiler while this one reads the command line.
      Thread prepare = new Thread(null, Validation::prepare, "prepare", 1L << 24);
      prepare.setDaemon(true);
      prepare.start();
    }
    CommandLine cl = validate ? commandLine(false) : commandLine();
    int exit = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return exit;
  }

  static CommandLine commandLine() {
    return commandLine(true);
  }

  private static CommandLine commandLine(boolean withRun) {
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand(new ValidateCommand());
    if (withRun) {
      CommandLine run = new CommandLine(new RunCommand());
      RunCommand.addAuthFlags(run.getCommandSpec());
      cl.addSubcommand(run);
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // Reports are UTF-8 whatever the platform's default; flushed by the report writers.
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("rules: internal error: " + e);
          return 3;
        });
    return cl;
  }
}
