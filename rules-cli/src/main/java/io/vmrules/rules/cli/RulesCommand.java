package io.vmrules.rules.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rules} command: validate rule files, run them, or replay them over a past range. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Alerting and recording-rule engine for VictoriaMetrics.")
final class RulesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: validate, run, test or replay");
  }
}
