package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.reload.RuleFiles;
import io.vmrules.rules.report.ReportFormat;
import io.vmrules.rules.validate.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The rule-file flags of the commands that evaluate rules ({@code run}, {@code replay}), and their
 * one way of reading them: through {@link RuleFiles}, as a reload and {@code rules test} read them,
 * printing every finding as {@code rules validate} prints it, refusing invalid files.
 */
final class RuleFileOptions {
  @Option(
      names = "--rule",
      required = true,
      paramLabel = "PATH",
      description = "Rule files, directories or globs (repeatable).")
  List<String> rules;

  @Option(
      names = "--evaluationInterval",
      defaultValue = "1m",
      converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION",
      description = "Interval of groups without one (default: ${DEFAULT-VALUE}).")
  Duration evaluationInterval;

  @Option(
      names = "--dialect",
      paramLabel = "metricsql|promql",
      defaultValue = "metricsql",
      description =
          "Query language the rules are validated in; also picks the template functions: "
              + "Prometheus' for promql, vmalert's for metricsql (default: ${DEFAULT-VALUE}).")
  Dialect dialect;

  /**
   * How a command words a refusal, and what it makes of the cases where {@code run} and {@code
   * replay} differ.
   */
  record Refusal(
      String command, String refusing, boolean unreadableIsUsage, boolean countsUnsupported) {}

  /** The groups to evaluate, or the exit status to stop with. */
  sealed interface Verdict {
    record Go(List<GroupSpec> groups) implements Verdict {}

    record Stop(int status) implements Verdict {}
  }

  Validation.Options validation() {
    return new Validation.Options(dialect, false, Set.of(), evaluationInterval);
  }

  RuleFiles ruleFiles() {
    return new RuleFiles(rules, validation());
  }

  /**
   * Reads the files: path problems and an interrupted read exit 2; findings are printed; errors
   * exit 1 (an unreadable file 2 where {@code unreadableIsUsage}); so do groups of a type this
   * engine cannot run.
   */
  Verdict read(RuleFiles files, Refusal refusal, PrintWriter err) throws IOException {
    RuleFiles.Read read = files.read();
    if (read instanceof RuleFiles.Read.BadPaths bad) {
      bad.problems().forEach(p -> err.println(refusal.command() + ": " + p));
      return new Verdict.Stop(2);
    }
    if (!(read instanceof RuleFiles.Read.Checked checked)) {
      err.println(refusal.command() + ": interrupted while reading rule files");
      return new Verdict.Stop(2);
    }
    Validation.Outcome outcome = checked.outcome();
    if (!outcome.report().findings().isEmpty()) {
      ReportFormat.TEXT.write(outcome.report(), err, Terminal.isInteractive());
      err.flush();
    }
    if (refusal.unreadableIsUsage() && outcome.report().hasUnreadableFiles()) {
      err.println(refusal.command() + ": " + refusal.refusing() + ": a rule file cannot be read");
      return new Verdict.Stop(2);
    }
    if (outcome.report().errors() > 0) {
      err.println(
          refusal.command()
              + ": "
              + refusal.refusing()
              + ": "
              + outcome.report().errors()
              + " errors in the rule files");
      return new Verdict.Stop(1);
    }
    if (!checked.unsupported().isEmpty()) {
      checked.unsupported().forEach(err::println);
      if (refusal.countsUnsupported()) {
        err.println(
            refusal.command()
                + ": "
                + refusal.refusing()
                + ": "
                + checked.unsupported().size()
                + " groups of a type this engine cannot run");
      }
      return new Verdict.Stop(1);
    }
    return new Verdict.Go(checked.groups());
  }
}
