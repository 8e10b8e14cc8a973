package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.load.RulePaths;
import io.vmrules.rules.unittest.TestReport;
import io.vmrules.rules.unittest.TestResults.FileResult;
import io.vmrules.rules.unittest.TestSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rules test}: unit tests for rule files (promtool's and vmalert-tool's formats). */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Run unit tests for rule files: test files in promtool's format (promql_expr_test) or "
          + "vmalert-tool's (metricsql_expr_test, groupname), told apart by their keys.",
      "",
      "Each test group's input series go into a VictoriaMetrics single-node that the command starts "
          + "itself (victoria-metrics on the PATH, or --vm.binary) on a free 127.0.0.1 port with a "
          + "temporary data directory, and stops at the end. Every rule group is evaluated at each "
          + "evaluation_interval from the start up to the last eval_time, in group_eval_order, by the "
          + "evaluator `rules run` uses; each rule's results are written back before the next rule "
          + "runs. Results are MetricsQL's, as on a vmselect. Samples start at "
          + "2000-01-01T00:00:00Z (or start_timestamp): VictoriaMetrics answers nothing for windows "
          + "reaching back to 1970, where promtool starts, so time() differs from promtool's.",
      "",
      "The rule files get the full `rules validate` check first. Test files are checked like rule "
          + "files: every problem with file:line:column.",
      "",
      "Exit status: 0 all tests pass, 1 a test failed or a rule file is invalid, 2 usage or I/O "
          + "problem (a bad test file, a missing rule file, no VictoriaMetrics)."
    })
final class TestCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE|DIR|GLOB",
      arity = "1..*",
      description = "Test files, directories (their .yml and .yaml files) or globs.")
  List<String> paths;

  @Option(
      names = "--dialect",
      paramLabel = "metricsql|promql",
      defaultValue = "metricsql",
      description =
          "Query language the rule files are validated in; also picks the template functions "
              + "(default: ${DEFAULT-VALUE}).")
  Dialect dialect;

  @Option(
      names = "--format",
      paramLabel = "text|json|junit",
      defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  TestReport format;

  @Option(
      names = "--run",
      paramLabel = "REGEX",
      description = "Run only the test groups whose name matches.")
  String run;

  @Option(
      names = "--diff",
      description =
          "Show only the labels, annotations and samples that differ (coloured on a terminal).")
  boolean diff;

  @Option(
      names = "--vm.binary",
      paramLabel = "PATH",
      defaultValue = "victoria-metrics",
      description =
          "The VictoriaMetrics single-node binary (default: ${DEFAULT-VALUE} on the PATH).")
  String vmBinary;

  @Option(
      names = "--external.label",
      paramLabel = "NAME=VALUE",
      split = ",",
      description =
          "Label added to every alert and recorded series of every test group, over the test"
              + " file's external_labels (repeatable, or comma-separated, as vmalert-tool's"
              + " -external.label).")
  Map<String, String> externalLabels = new LinkedHashMap<>();

  @Option(
      names = "--external.url",
      defaultValue = "",
      paramLabel = "URL",
      description =
          "$externalURL in templates for test groups without an external_url (vmalert-tool's"
              + " -external.url).")
  String externalUrl;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Pattern pattern = null;
    if (run != null) {
      try {
        pattern = Pattern.compile(run);
      } catch (PatternSyntaxException e) {
        err.println("rules test: --run " + run + ": " + e.getDescription());
        return 2;
      }
    }
    RulePaths.Expansion expansion = RulePaths.expand(paths);
    if (!expansion.problems().isEmpty()) {
      expansion.problems().forEach(p -> err.println("rules test: " + p));
      return 2;
    }
    boolean color = diff && Terminal.isInteractive();
    List<FileResult> results;
    try (TestSuite suite =
        new TestSuite(
            new TestSuite.Options(dialect, pattern, vmBinary, externalLabels, externalUrl))) {
      List<Path> files = expansion.files();
      results =
          suite.run(
              files,
              r -> {
                if (format == TestReport.TEXT) {
                  TestReport.textFile(r, out, diff, color);
                }
              });
    } catch (IOException e) {
      err.println("rules test: " + e.getMessage());
      return 2;
    }
    format.write(results, out);
    boolean usage = results.stream().anyMatch(FileResult::usageProblem);
    if (usage) {
      return 2;
    }
    return results.stream().allMatch(FileResult::passed) ? 0 : 1;
  }
}
