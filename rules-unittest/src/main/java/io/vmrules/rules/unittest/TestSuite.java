package io.vmrules.rules.unittest;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.load.RulePaths;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.reload.RuleFiles;
import io.vmrules.rules.unittest.TestFile.TestGroup;
import io.vmrules.rules.unittest.TestResults.FileResult;
import io.vmrules.rules.unittest.TestResults.GroupResult;
import io.vmrules.rules.validate.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A whole {@code rules test} run: each test file read and checked, its rule files validated as
 * {@code rules validate} does, then its test groups run on one VictoriaMetrics, started when the
 * first group needs it.
 */
public final class TestSuite implements AutoCloseable {
  /** What the run needs to know. */
  /**
   * @param externalLabels {@code --external.label}: over each test group's {@code external_labels}
   *     (a flag wins), as vmalert-tool merges them
   * @param externalUrl {@code --external.url}: for test groups without an {@code external_url}
   */
  public record Options(
      Dialect dialect,
      Pattern run,
      String vmBinary,
      Map<String, String> externalLabels,
      String externalUrl) {
    public Options {
      externalLabels = Map.copyOf(externalLabels);
      externalUrl = externalUrl == null ? "" : externalUrl;
    }

    public Options(Dialect dialect, Pattern run, String vmBinary) {
      this(dialect, run, vmBinary, Map.of(), "");
    }
  }

  private final Options options;
  private LocalVictoriaMetrics vm;
  private TestRunner runner;

  public TestSuite(Options options) {
    this.options = options;
  }

  /** Runs every test file, in order; {@code done} hears of each file as it finishes. */
  public List<FileResult> run(List<Path> files, Consumer<FileResult> done)
      throws IOException, InterruptedException {
    List<FileResult> out = new ArrayList<>();
    for (Path f : files) {
      FileResult r = runFile(f);
      done.accept(r);
      out.add(r);
    }
    return out;
  }

  private FileResult runFile(Path path) throws IOException, InterruptedException {
    String name = path.toString();
    String text;
    try {
      text = Files.readString(path);
    } catch (MalformedInputException e) {
      return problem(name, name + ": error: not UTF-8 text", true);
    } catch (IOException e) {
      return problem(name, name + ": error: cannot read: " + e.getMessage(), true);
    }
    TestFileReader.Result read = TestFileReader.read(path, text);
    if (!read.ok()) {
      List<String> problems = new ArrayList<>();
      for (Finding f : read.findings()) {
        problems.add(f.toLine());
      }
      return new FileResult(name, problems, true, List.of());
    }
    TestFile file = read.file();
    RulePaths.Expansion expansion = RulePaths.expand(file.ruleFiles());
    if (!expansion.problems().isEmpty()) {
      List<String> problems = new ArrayList<>();
      for (String p : expansion.problems()) {
        problems.add(name + ": error: rule_files: " + p);
      }
      return new FileResult(name, problems, true, List.of());
    }
    Validation.Options validation =
        new Validation.Options(options.dialect(), false, Set.of(), file.evaluationInterval());
    RuleFiles.Loaded loaded = new RuleFiles(file.ruleFiles(), validation).load();
    if (loaded instanceof RuleFiles.Loaded.Invalid invalid) {
      return problem(name, invalid.diagnostics(), false);
    }
    List<GroupSpec> groups;
    try {
      groups = ordered(((RuleFiles.Loaded.Valid) loaded).groups(), file.groupEvalOrder());
    } catch (IllegalArgumentException e) {
      return problem(name, name + ": error: " + e.getMessage(), true);
    }
    List<GroupResult> results = new ArrayList<>();
    for (TestGroup t : file.tests()) {
      if (options.run() != null && !options.run().matcher(t.name()).find()) {
        continue;
      }
      try {
        results.add(
            runner()
                .run(
                    file, t.withExternal(options.externalLabels(), options.externalUrl()), groups));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return new FileResult(name, List.of(), false, results);
  }

  private TestRunner runner() throws IOException, InterruptedException {
    if (runner == null) {
      vm = LocalVictoriaMetrics.start(options.vmBinary());
      runner = new TestRunner(vm, options.dialect());
    }
    return runner;
  }

  /** {@code group_eval_order} first, then the other groups in file order. */
  static List<GroupSpec> ordered(List<GroupSpec> groups, List<String> order) {
    Set<GroupSpec> out = new LinkedHashSet<>();
    for (String name : order) {
      boolean found = false;
      for (GroupSpec g : groups) {
        if (g.name().equals(name)) {
          out.add(g);
          found = true;
        }
      }
      if (!found) {
        throw new IllegalArgumentException(
            "group_eval_order names group \"" + name + "\", which no rule file has");
      }
    }
    out.addAll(groups);
    return List.copyOf(out);
  }

  private static FileResult problem(String file, String text, boolean usage) {
    return new FileResult(file, List.of(text.split("\n")), usage, List.of());
  }

  @Override
  public void close() {
    if (vm != null) {
      vm.close();
    }
  }
}
