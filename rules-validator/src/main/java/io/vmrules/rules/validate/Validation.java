package io.vmrules.rules.validate;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.PromQL;
import io.vmrules.rules.lint.CheckedRule;
import io.vmrules.rules.lint.Lints;
import io.vmrules.rules.lint.RuleContext;
import io.vmrules.rules.lint.RuleSetLint;
import io.vmrules.rules.lint.TemplateLint;
import io.vmrules.rules.load.Codes;
import io.vmrules.rules.load.RuleFileLoader;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.template.FunctionSet;
import io.vmrules.template.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A whole validation run: load every file, compile every expression, run the lints and the checks
 * across rules, then apply {@code --disable} and {@code --strict}. Used by {@code rules validate}
 * and by {@code rules run} before it starts or reloads.
 */
public final class Validation {
  /**
   * How to validate: dialect, warnings as errors, codes turned off, and the interval of groups that
   * set none: known to {@code rules run} and {@code rules test}, null for {@code validate}, where
   * it is the engine's flag or Prometheus' global setting (public rule sets run at 10-15 s as often
   * as at 1m), so the lints that compare with the interval skip such groups.
   */
  public record Options(
      Dialect dialect, boolean strict, Set<String> disabled, Duration defaultInterval) {
    public Options {
      disabled = Set.copyOf(disabled);
    }

    public static Options of(Dialect dialect) {
      return new Options(dialect, false, Set.of(), null);
    }
  }

  /** The report and the loaded files, for callers that go on to run the rules. */
  public record Outcome(ValidationReport report, List<LoadedFile> files) {}

  /**
   * Rules checked per task: large enough to amortise the hand-off, small enough to spread a file.
   */
  private static final int SLICE = 64;

  private final Options options;
  private final RuleFileLoader loader;
  private final RuleValidator validator;
  private final TemplateLint templates;

  public Validation(Options options) {
    this.options = options;
    this.loader = new RuleFileLoader(options.dialect());
    this.validator = new RuleValidator(options.dialect());
    this.templates = new TemplateLint(options.dialect());
  }

  /**
   * Initialises what a run needs first (the parser's tables, the function catalog, the YAML loader,
   * the template functions) by validating a one-rule file; {@code rules validate} calls this on a
   * second thread while its command line is still being read.
   */
  public static void prepare() {
    // The compiler and the template checker first: the main thread starts with the files and the
    // YAML loader, so the two threads initialise different classes instead of waiting on each
    // other's class initialisation (a one-rule run: 0.19 -> 0.18 s).
    PromQL.check(
        "sum by (job) (rate(x_total{job=~\"a.*\"}[5m])) > 0 and on (job) up == 1",
        Dialect.METRICSQL);
    Template.check("{{ $labels.job }} {{ $value | humanize }}", FunctionSet.vmalert());
    String file =
        "groups:\n  - name: g\n    rules:\n      - alert: A\n"
            + "        expr: sum by (job) (rate(x_total{job=~\"a.*\"}[5m])) > 0\n"
            + "        annotations: {summary: \"{{ $labels.job }} {{ $value | humanize }}\"}\n";
    try {
      new Validation(Options.of(Dialect.METRICSQL))
          .validate(Map.of("prepare.yml", file.getBytes(StandardCharsets.UTF_8)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads and validates files. A file that cannot be read is a {@code rules.io} error of its own
   * (with the reason) and the others are still checked: one unreadable file must not hide the
   * findings of a whole directory. Each file is read by the task that loads it: reading them all
   * first, on one thread, held back the first load (20-40 ms at 10k-50k rules) and kept every
   * file's bytes alive to the end.
   */
  public Outcome validateFiles(List<Path> files) throws InterruptedException {
    Map<String, Input> inputs = new LinkedHashMap<>();
    for (Path file : files) {
      inputs.putIfAbsent(file.toString(), () -> Files.readAllBytes(file));
    }
    return run(inputs);
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Validates file contents by name, in the map's order. */
  public Outcome validate(Map<String, byte[]> sources) throws InterruptedException {
    Map<String, Input> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> source : sources.entrySet()) {
      byte[] bytes = source.getValue();
      inputs.put(source.getKey(), () -> bytes);
    }
    return run(inputs);
  }

  /** A file's bytes, read when its load starts. */
  @FunctionalInterface
  private interface Input {
    byte[] read() throws IOException;
  }

  private Outcome run(Map<String, Input> sources) throws InterruptedException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    // Deep expressions recurse deeply: workers get a large stack.
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, r -> new Thread(null, r, "validate", 1L << 29));
    try {
      // Files load in parallel, a few ahead of the checks, and each group's rules are checked in
      // slices as soon as the group is read: one large file keeps every core busy while it loads.
      // Loading every file first kept all their YAML trees alive at once, and young collections
      // copied them over and over.
      List<Map.Entry<String, Input>> inputs = new ArrayList<>(sources.entrySet());
      List<Future<Loaded>> loads = new ArrayList<>(inputs.size());
      int ahead = Math.min(inputs.size(), threads + 1);
      for (int i = 0; i < ahead; i++) {
        loads.add(submitLoad(pool, inputs.get(i)));
      }
      List<LoadedFile> files = new ArrayList<>();
      List<Finding> unreadable = new ArrayList<>();
      List<Finding> duplicates = new ArrayList<>();
      List<Future<SliceResult>> slices = new ArrayList<>();
      // Slices are taken in order as they finish, while files still load: this thread would
      // otherwise only wait, and the checks across rules index them meanwhile.
      List<SliceResult> results = new ArrayList<>();
      RuleSetLint.Across across = new RuleSetLint.Across();
      for (int i = 0; i < inputs.size(); i++) {
        Loaded loaded = get(loads.get(i));
        if (loaded.unreadable() != null) {
          unreadable.add(loaded.unreadable());
        } else {
          files.add(loaded.file());
          slices.addAll(loaded.slices());
          duplicates.addAll(loaded.duplicates());
        }
        if (loads.size() < inputs.size()) {
          loads.add(submitLoad(pool, inputs.get(loads.size())));
        }
        while (results.size() < slices.size() && slices.get(results.size()).isDone()) {
          take(get(slices.get(results.size())), results, across);
        }
      }
      while (results.size() < slices.size()) {
        take(get(slices.get(results.size())), results, across);
      }
      List<Finding> findings = new ArrayList<>();
      Map<String, List<String>> lines = new HashMap<>();
      int groups = 0;
      int rules = 0;
      for (LoadedFile file : files) {
        groups += file.groups().size();
        rules += file.groups().stream().mapToInt(g -> g.rules().size()).sum();
        lines.put(file.path(), file.lines());
        findings.addAll(file.findings());
      }
      for (SliceResult r : results) {
        findings.addAll(r.findings);
      }
      findings.addAll(duplicates);
      findings.addAll(across.findings());
      List<Finding> kept = new ArrayList<>(findings.size());
      for (Finding finding : findings) {
        keep(finding, kept);
      }
      List<ValidationReport.RuleId> ids = new RuleIds(across.rules());
      ValidationReport report = new ValidationReport(files.size(), groups, rules, kept, lines, ids);
      // After --disable and --strict, as when the files were read first: never disabled.
      return new Outcome(unreadable.isEmpty() ? report : report.with(unreadable), files);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void take(SliceResult r, List<SliceResult> results, RuleSetLint.Across across) {
    results.add(r);
    across.add(r.checked);
  }

  /**
   * What --disable and --strict make of a finding. A method of its own, as other bodies of loops
   * that run once over every finding or rule: the JVM compiles a method after a few hundred calls,
   * a loop inside one only after some 60k iterations, so such a loop ran interpreted to the end.
   */
  private void keep(Finding finding, List<Finding> kept) {
    if (!options.disabled().contains(finding.code())) {
      kept.add(options.strict() && !finding.isError() ? finding.asError() : finding);
    }
  }

  /**
   * A loaded file and the checks of its rules, submitted group by group while it loaded; or the
   * {@code rules.io} error of a file that could not be read.
   */
  private record Loaded(
      LoadedFile file,
      List<Future<SliceResult>> slices,
      List<Finding> duplicates,
      Finding unreadable) {}

  private Future<Loaded> submitLoad(ExecutorService pool, Map.Entry<String, Input> source) {
    return pool.submit(
        () -> {
          byte[] bytes;
          try {
            bytes = source.getValue().read();
          } catch (IOException e) {
            return new Loaded(
                null,
                List.of(),
                List.of(),
                new Finding(
                    source.getKey(),
                    1,
                    1,
                    Finding.Level.ERROR,
                    Codes.IO,
                    "",
                    "",
                    "cannot read the file: " + reason(e)));
          }
          List<Future<SliceResult>> slices = new ArrayList<>();
          LoadedFile file =
              loader.load(
                  source.getKey(),
                  bytes,
                  g -> {
                    for (int from = 0; from < g.rules().size(); from += SLICE) {
                      List<LoadedRule> slice =
                          g.rules().subList(from, Math.min(g.rules().size(), from + SLICE));
                      slices.add(pool.submit(() -> check(g, slice)));
                    }
                  });
          // Duplicates are found within a file: here, on the pool, not at the end on one thread.
          return new Loaded(file, slices, RuleSetLint.duplicates(file, options.dialect()), null);
        });
  }

  private record SliceResult(List<Finding> findings, List<CheckedRule> checked) {}

  private SliceResult check(LoadedGroup g, List<LoadedRule> rules) {
    List<Finding> findings = new ArrayList<>();
    List<CheckedRule> checked = new ArrayList<>(rules.size());
    Duration interval =
        g.spec().interval() != null ? g.spec().interval() : options.defaultInterval();
    // Graphite and VictoriaLogs groups hold expressions in their own languages (vmalert sends them
    // to those datasources): only their schema and templates are ours to check.
    String type = g.spec().type();
    boolean promqlGroup = !"graphite".equals(type) && !"vlogs".equals(type);
    for (LoadedRule r : rules) {
      List<Finding> ruleFindings = new ArrayList<>();
      RuleValidator.Result result =
          promqlGroup ? validator.checkRule(g.spec().name(), r) : RuleValidator.Result.NOT_CHECKED;
      ruleFindings.addAll(result.findings());
      RuleContext context =
          new RuleContext(options.dialect(), g.spec(), interval, r, result.expr(), ruleFindings);
      templates.check(context);
      if (result.expr() != null) {
        Lints.check(context);
      }
      for (Finding f : ruleFindings) {
        if (!r.disabled().contains(f.code())) {
          findings.add(f);
        }
      }
      checked.add(CheckedRule.of(g.spec(), r, context.nodes()));
    }
    return new SliceResult(findings, checked);
  }

  private static <T> T get(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
