package io.vmrules.rules.cli;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.load.RulePaths;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.report.ReportFormat;
import io.vmrules.rules.validate.Validation;
import io.vmrules.rules.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code rules validate} was asked to do, and doing it. {@link ValidateCommand} declares the
 * options for picocli, which parses every command line and writes help and usage errors; the plain
 * command lines CI runs over and over are parsed here instead, without picocli. Loading and running
 * picocli (its classes are Java 5 bytecode, which class-data sharing cannot archive) cost about 60
 * to 130 ms of every run, more than the whole check of a small rule set.
 */
record ValidateArgs(
    List<String> paths,
    Dialect dialect,
    ReportFormat format,
    boolean strict,
    List<String> disabled) {

  ValidateArgs {
    paths = List.copyOf(paths);
    disabled = List.copyOf(disabled);
  }

  /**
   * Parses {@code validate [OPTIONS] PATH...} (args[0] is "validate") when it uses only the plain
   * forms of the options, with valid values; null otherwise: help, version, an unknown, repeated or
   * malformed option, an {@code @argfile}, no path. picocli parses those, so that its messages and
   * its help text stay the only ones. {@code ValidateArgsTest} holds both parsers to the same
   * results.
   */
  static ValidateArgs parsePlain(String... args) {
    List<String> paths = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    Dialect dialect = null;
    ReportFormat format = null;
    boolean strict = false;
    boolean options = true;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.isEmpty() || arg.charAt(0) == '@') {
        return null;
      }
      if (!options || arg.charAt(0) != '-') {
        paths.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        options = false;
        continue;
      }
      if (arg.equals("--strict")) {
        if (strict) {
          return null;
        }
        strict = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return null;
      }
      if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') {
        return null;
      }
      switch (name) {
        case "--dialect" -> {
          if (dialect != null || (dialect = Dialect.fromName(value)) == null) {
            return null;
          }
        }
        case "--format" -> {
          if (format != null || (format = formatNamed(value)) == null) {
            return null;
          }
        }
        case "--disable" -> {
          for (String code : value.split(",", -1)) {
            if (code.isEmpty()) {
              return null;
            }
            disabled.add(code);
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (paths.isEmpty()) {
      return null;
    }
    return new ValidateArgs(
        paths,
        dialect != null ? dialect : Dialect.METRICSQL,
        format != null ? format : ReportFormat.TEXT,
        strict,
        disabled);
  }

  private static ReportFormat formatNamed(String name) {
    for (ReportFormat f : ReportFormat.values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  /** The online checks to run after validation (design §10), given the loaded files. */
  @FunctionalInterface
  interface Online {
    /** The online findings and, on {@code err}, a line saying what was asked. */
    Online.Result check(List<LoadedFile> files, Validation.Options options, PrintWriter err)
        throws InterruptedException;

    /** Findings to add to the report; {@code unreachable}: exit status 2. */
    record Result(List<Finding> findings, boolean unreachable) {}
  }

  /** Validates and writes the report; the exit status of design §5. */
  int run(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    return run(out, err, null);
  }

  /** Validates, runs the online checks when given, and writes the report. */
  int run(PrintWriter out, PrintWriter err, Online online)
      throws IOException, InterruptedException {
    RulePaths.Expansion expansion = RulePaths.expand(paths);
    if (!expansion.problems().isEmpty()) {
      for (String problem : expansion.problems()) {
        err.println("rules validate: " + problem);
      }
      return 2;
    }
    Validation.Options options =
        new Validation.Options(dialect, strict, Set.copyOf(disabled), null);
    Validation.Outcome outcome = new Validation(options).validateFiles(expansion.files());
    ValidationReport report = outcome.report();
    boolean unreachable = false;
    if (online != null) {
      Online.Result result = online.check(outcome.files(), options, err);
      report = report.plus(result.findings());
      unreachable = result.unreachable();
    }
    format.write(report, out, Terminal.isInteractive());
    return report.hasUnreadableFiles() || unreachable ? 2 : report.errors() > 0 ? 1 : 0;
  }
}
