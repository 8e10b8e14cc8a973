package io.vmrules.rules.unittest;

import java.time.Duration;
import java.util.List;

/** What a run of {@code rules test} found, file by file and test group by test group. */
public final class TestResults {
  private TestResults() {}

  /**
   * One test file.
   *
   * @param problems why the file's tests could not run (a bad test file, invalid or missing rule
   *     files), one line each, {@code file:line:column: error: …}; empty when they ran
   * @param usageProblem whether those problems are the user's input or I/O (exit 2) rather than
   *     rule files that fail validation (exit 1)
   */
  public record FileResult(
      String file, List<String> problems, boolean usageProblem, List<GroupResult> groups) {
    public FileResult {
      problems = List.copyOf(problems);
      groups = List.copyOf(groups);
    }

    public boolean passed() {
      return problems.isEmpty() && groups.stream().allMatch(GroupResult::passed);
    }
  }

  /** One test group: its failures, none when it passed. */
  public record GroupResult(String name, int line, Duration took, List<Failure> failures) {
    public GroupResult {
      failures = List.copyOf(failures);
    }

    public boolean passed() {
      return failures.isEmpty();
    }
  }

  /**
   * One failed check.
   *
   * @param line the test file's line of the check's {@code eval_time}
   * @param message promtool-style: what was expected and what came
   * @param diff only what differs, one line each, prefixed {@code -} (expected, missing) or {@code
   *     +} (got, unexpected)
   */
  public record Failure(int line, String message, List<String> diff) {
    public Failure {
      diff = List.copyOf(diff);
    }
  }
}
