package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.report.ReportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rules validate}: check rule files for CI; design §5 is its contract. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check Prometheus/vmalert rule files: YAML structure, every expression (parsed and "
          + "type-checked as PromQL or MetricsQL), lints and checks across rules, and report every "
          + "problem with file:line:column.",
      "",
      "A '# rules: disable CODE[,CODE]' comment above a rule turns codes off for that rule.",
      "",
      "Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage or I/O problem."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Rule files, directories (searched recursively for *.yml, *.yaml, *.rules) or globs.")
  List<String> paths;

  @Option(
      names = "--dialect",
      paramLabel = "metricsql|promql",
      defaultValue = "metricsql",
      description =
          "Query language of the expressions (default: ${DEFAULT-VALUE}; rules run against vmselect).")
  Dialect dialect;

  @Option(
      names = "--format",
      paramLabel = "text|json|github|junit|sarif",
      defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Option(
      names = "--disable",
      paramLabel = "CODE",
      split = ",",
      description = "Do not report findings with this code (repeatable, or comma-separated).")
  List<String> disabled = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  ValidateArgs args() {
    return new ValidateArgs(paths, dialect, format, strict, disabled);
  }

  @Override
  public Integer call() throws Exception {
    return args().run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
