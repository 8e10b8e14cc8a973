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

  /**
   * What reading found, before any verdict: for a command that reports it in full (every finding
   * with its source line, as {@code rules validate} prints it) and words its own refusal.
   */
  public sealed interface Read {
    /** Paths, directories or globs that cannot be read or match nothing. */
    record BadPaths(List<String> problems) implements Read {
      public BadPaths {
        problems = List.copyOf(problems);
      }
    }

    /** The thread was interrupted while reading. */
    record Interrupted() implements Read {}

    /** Every file read and validated; {@code unsupported}: {@link #unsupportedGroups}. */
    record Checked(Validation.Outcome outcome, List<String> unsupported) implements Read {
      public Checked {
        unsupported = List.copyOf(unsupported);
      }

      /** The groups, in file order. */
      public List<GroupSpec> groups() {
        List<GroupSpec> groups = new ArrayList<>();
        for (LoadedFile file : outcome.files()) {
          for (LoadedGroup g : file.groups()) {
            groups.add(g.spec());
          }
        }
        return groups;
      }
    }
  }

  /** Expands the patterns, reads and validates every file. */
  public Read read() {
    RulePaths.Expansion expansion = RulePaths.expand(patterns);
    if (!expansion.problems().isEmpty()) {
      return new Read.BadPaths(expansion.problems());
    }
    Validation.Outcome outcome;
    try {
      outcome = validation.validateFiles(expansion.files());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Read.Interrupted();
    }
    return new Read.Checked(outcome, unsupportedGroups(outcome.files()));
  }

  /** {@link #read}, judged as a reload and {@code rules test} judge it. */
  public Loaded load() {
    Read read = read();
    if (read instanceof Read.BadPaths bad) {
      return new Loaded.Invalid(String.join("\n", bad.problems()), bad.problems().size());
    }
    if (read instanceof Read.Checked checked) {
      return judge(checked);
    }
    return new Loaded.Invalid("interrupted while reading rule files", 1);
  }

  private static Loaded judge(Read.Checked checked) {
    ValidationReport report = checked.outcome().report();
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
    if (!checked.unsupported().isEmpty()) {
      return new Loaded.Invalid(
          String.join("\n", checked.unsupported()), checked.unsupported().size());
    }
    return new Loaded.Valid(checked.groups(), report);
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
