package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.load.RuleFileLoader;
import io.vmrules.rules.load.RulePaths;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.report.ReportFormat;
import io.vmrules.rules.validate.RuleValidator;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
          + "type-checked as PromQL or MetricsQL), and report every problem with file:line:column.",
      "",
      "Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage or I/O problem."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Rule files, directories (searched recursively for *.yml, *.yaml, *.rules) or globs.")
  List<String> paths;

  @Option(
      names = "--dialect",
      paramLabel = "metricsql|promql",
      defaultValue = "metricsql",
      description = "Query language of the expressions (default: ${DEFAULT-VALUE}; rules run against vmselect).")
  Dialect dialect;

  @Option(
      names = "--format",
      paramLabel = "text|json|github|junit",
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

  @Override
  public Integer call() throws Exception {
    RulePaths.Expansion expansion = RulePaths.expand(paths);
    if (!expansion.problems().isEmpty()) {
      for (String problem : expansion.problems()) {
        spec.commandLine().getErr().println("rules validate: " + problem);
      }
      return 2;
    }
    ValidationReport report;
    try {
      report = validate(expansion.files());
    } catch (IOException e) {
      spec.commandLine().getErr().println("rules validate: " + e.getMessage());
      return 2;
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    format.write(report, out);
    return report.errors() > 0 ? 1 : 0;
  }

  ValidationReport validate(List<Path> files) throws IOException, InterruptedException {
    RuleFileLoader loader = new RuleFileLoader(dialect);
    RuleValidator validator = new RuleValidator(dialect);
    Set<String> off = Set.copyOf(disabled);
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, r -> new Thread(null, r, "validate", 1L << 29));
    try {
      List<Future<FileResult>> futures = new ArrayList<>();
      for (Path file : files) {
        byte[] bytes = Files.readAllBytes(file);
        futures.add(pool.submit(() -> check(file.toString(), bytes, loader, validator)));
      }
      int groups = 0;
      int rules = 0;
      List<Finding> findings = new ArrayList<>();
      Map<String, List<String>> sources = new HashMap<>();
      for (Future<FileResult> f : futures) {
        FileResult r = get(f);
        groups += r.file.groups().size();
        rules += r.file.groups().stream().mapToInt(g -> g.rules().size()).sum();
        sources.put(r.file.path(), r.file.lines());
        for (Finding finding : r.findings) {
          if (off.contains(finding.code())) {
            continue;
          }
          findings.add(strict && !finding.isError() ? escalate(finding) : finding);
        }
      }
      return new ValidationReport(files.size(), groups, rules, findings, sources);
    } finally {
      pool.shutdownNow();
    }
  }

  private record FileResult(LoadedFile file, List<Finding> findings) {}

  private static FileResult check(String path, byte[] bytes, RuleFileLoader loader, RuleValidator validator) {
    LoadedFile file = loader.load(path, bytes);
    List<Finding> findings = new ArrayList<>(file.findings());
    for (LoadedGroup g : file.groups()) {
      for (var r : g.rules()) {
        for (Finding f : validator.checkRule(g.spec().name(), r)) {
          if (!r.disabled().contains(f.code())) {
            findings.add(f);
          }
        }
      }
    }
    return new FileResult(file, findings);
  }

  private static FileResult get(Future<FileResult> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Finding escalate(Finding f) {
    return new Finding(f.file(), f.line(), f.column(), Finding.Level.ERROR, f.code(), f.group(), f.rule(), f.message());
  }
}
