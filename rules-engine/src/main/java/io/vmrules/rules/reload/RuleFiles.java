package io.vmrules.rules.reload;

import io.vmrules.rules.load.RulePaths;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.validate.Validation;
import io.vmrules.rules.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rule files of {@code --rule} (paths, directories, globs), read and validated as {@code rules
 * validate} does, at start-up and at every reload.
 */
public final class RuleFiles {
  private final List<String> patterns;
  private final Validation validation;

  public RuleFiles(List<String> patterns, Validation.Options options) {
    this.patterns = List.copyOf(patterns);
    this.validation = new Validation(Objects.requireNonNull(options, "options"));
  }

  /** What loading found: the groups, or why they cannot run. */
  public sealed interface Loaded {
    /** Every file is valid (warnings allowed): these groups, in file order. */
    record Valid(List<GroupSpec> groups, ValidationReport report) implements Loaded {
      public Valid {
        groups = List.copyOf(groups);
      }
    }

    /** At least one error: the diagnostics, one per line ({@code file:line:col: error: …}). */
    record Invalid(String diagnostics, long errors) implements Loaded {}
  }

  public Loaded load() {
    RulePaths.Expansion expansion = RulePaths.expand(patterns);
    if (!expansion.problems().isEmpty()) {
      return new Loaded.Invalid(
          String.join("\n", expansion.problems()), expansion.problems().size());
    }
    Validation.Outcome outcome;
    try {
      outcome = validation.validateFiles(expansion.files());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Loaded.Invalid("interrupted while reading rule files", 1);
    }
    ValidationReport report = outcome.report();
    if (report.errors() > 0) {
      StringBuilder b = new StringBuilder();
      for (Finding f : report.findings()) {
        if (f.isError()) {
          if (b.length() > 0) {
            b.append('\n');
          }
          b.append(f.toLine());
        }
      }
      return new Loaded.Invalid(b.toString(), report.errors());
    }
    List<String> unsupported = unsupportedGroups(outcome.files());
    if (!unsupported.isEmpty()) {
      return new Loaded.Invalid(String.join("\n", unsupported), unsupported.size());
    }
    List<GroupSpec> groups = new ArrayList<>();
    for (LoadedFile file : outcome.files()) {
      for (LoadedGroup g : file.groups()) {
        groups.add(g.spec());
      }
    }
    return new Loaded.Valid(groups, report);
  }

  /**
   * One error line per group this engine cannot run: {@code rules validate} accepts Graphite and
   * VictoriaLogs groups (vmalert runs them against those datasources), but this engine queries a
   * Prometheus API only, so it refuses them up front instead of failing every evaluation.
   */
  public static List<String> unsupportedGroups(List<LoadedFile> files) {
    List<String> out = new ArrayList<>();
    for (LoadedFile file : files) {
      for (LoadedGroup g : file.groups()) {
        GroupSpec spec = g.spec();
        if ("graphite".equals(spec.type()) || "vlogs".equals(spec.type())) {
          out.add(
              spec.position().file()
                  + ":"
                  + spec.position().line()
                  + ":"
                  + spec.position().column()
                  + ": error: group \""
                  + spec.name()
                  + "\" has type "
                  + spec.type()
                  + ": rules run evaluates only prometheus groups [rules.group-type]");
        }
      }
    }
    return out;
  }
}
