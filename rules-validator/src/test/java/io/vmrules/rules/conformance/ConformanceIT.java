package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.load.RuleFileLoader;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.validate.RuleValidator;
import io.vmrules.testsupport.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our verdicts against the real tools on generated corpora of valid and broken expressions: {@code
 * promtool check rules} for PromQL, {@code vmalert -dryRun} for MetricsQL.
 *
 * <p>Intended differences, each with its reason:
 *
 * <ul>
 *   <li>MetricsQL: the packaged vmalert (1.79) checks syntax only. We also report unknown
 *       functions, wrong argument counts, invalid regexes and literals of the wrong kind, which
 *       vmselect rejects when the rule is evaluated ({@code MetricsqlSemanticsIT} confirms each
 *       such case against a real VictoriaMetrics).
 *   <li>PromQL: a rule whose expression is a range vector or a string is an error for us ({@code
 *       rules.expr-type}), and so is an invalid regex in {@code label_replace}; promtool accepts
 *       both and the rule fails at every evaluation. Under MetricsQL such a result is a warning:
 *       VictoriaMetrics runs it ({@code MetricsqlConformanceIT}).
 * </ul>
 */
class ConformanceIT {
  private static final int CORPUS = 2500;
  private static final Set<String> METRICSQL_SEMANTIC_CODES =
      Set.of(
          "promql.unknown-function",
          "promql.arity",
          "promql.regex",
          "promql.type",
          RuleValidator.EXPR_TYPE);

  @TempDir Path dir;

  @Test
  void promtoolAgreesWithOurPromqlVerdicts() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool");
    List<String> corpus = corpus(new CorpusGenerator(42, false));
    Path file = dir.resolve("promql.yml");
    Files.writeString(file, ruleFile(corpus, false), StandardCharsets.UTF_8);

    ExternalTool.Result result = promtool.run("check", "rules", file.toString());
    Set<Integer> theirs = indices(Pattern.compile("rule (\\d+), \"r\\d+\""), result.output(), 1);
    Verdicts ours = ours(file, Dialect.PROMQL, false);

    List<String> disagreements = new ArrayList<>();
    int intended = 0;
    for (int i = 0; i < corpus.size(); i++) {
      boolean weReject = ours.rejected.contains(i);
      boolean theyReject = theirs.contains(i);
      if (weReject == theyReject) {
        continue;
      }
      if (weReject && isIntendedForPromtool(ours, i)) {
        intended++;
        continue;
      }
      disagreements.add(
          (weReject ? "we reject, promtool accepts: " : "promtool rejects, we accept: ")
              + corpus.get(i)
              + "  "
              + ours.messages(i));
    }
    report("PromQL vs promtool", corpus.size(), theirs.size(), intended, disagreements);
    assertThat(theirs).as("promtool found broken rules in the corpus").isNotEmpty();
    assertThat(disagreements).isEmpty();
  }

  @Test
  void vmalertAgreesWithOurMetricsqlVerdicts() throws Exception {
    ExternalTool vmalert = ExternalTool.require("vmalert");
    List<String> corpus = corpus(new CorpusGenerator(7, true));
    Path file = dir.resolve("metricsql.yml");
    Files.writeString(file, ruleFile(corpus, true), StandardCharsets.UTF_8);

    ExternalTool.Result result = vmalert.run("-dryRun", "-rule=" + file, "-loggerLevel=ERROR");
    Set<Integer> theirs = indices(Pattern.compile("invalid group \"g(\\d+)\""), result.output(), 0);
    Verdicts ours = ours(file, Dialect.METRICSQL, true);

    List<String> disagreements = new ArrayList<>();
    int intended = 0;
    for (int i = 0; i < corpus.size(); i++) {
      boolean weReject = ours.rejected.contains(i);
      boolean theyReject = theirs.contains(i);
      if (weReject == theyReject) {
        continue;
      }
      if (weReject && METRICSQL_SEMANTIC_CODES.containsAll(ours.codes(i))) {
        intended++;
        continue;
      }
      disagreements.add(
          (weReject ? "we reject, vmalert accepts: " : "vmalert rejects, we accept: ")
              + corpus.get(i)
              + "  "
              + ours.messages(i));
    }
    report("MetricsQL vs vmalert -dryRun", corpus.size(), theirs.size(), intended, disagreements);
    assertThat(theirs).as("vmalert found broken rules in the corpus").isNotEmpty();
    assertThat(disagreements).isEmpty();
  }

  /** Range-vector results and invalid label_replace regexes: promtool accepts, evaluation fails. */
  private static boolean isIntendedForPromtool(Verdicts ours, int i) {
    return ours.findings.get(i).stream()
        .filter(Finding::isError)
        .allMatch(
            f ->
                f.code().equals(RuleValidator.EXPR_TYPE)
                    || f.code().equals("promql.regex") && f.message().contains("label_replace"));
  }

  /** Half valid, half mutated, without repeats. */
  static List<String> corpus(CorpusGenerator g) {
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < CORPUS) {
      out.add(out.size() % 2 == 0 ? g.valid() : g.mutated());
    }
    return new ArrayList<>(out);
  }

  /**
   * One recording rule an expression; with {@code groupEach}, one group a rule (vmalert stops at a
   * group's first error).
   */
  static String ruleFile(List<String> exprs, boolean groupEach) {
    StringBuilder y = new StringBuilder("groups:\n");
    for (int i = 0; i < exprs.size(); i++) {
      if (groupEach || i == 0) {
        y.append("  - name: g").append(i).append("\n    rules:\n");
      }
      y.append("      - record: r")
          .append(i)
          .append("\n        expr: '")
          .append(exprs.get(i).replace("'", "''"))
          .append("'\n");
    }
    return y.toString();
  }

  private static Set<Integer> indices(Pattern p, String output, int base) {
    Set<Integer> out = new TreeSet<>();
    Matcher m = p.matcher(output);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)) - base);
    }
    return out;
  }

  /** Our findings per rule index (rules are named r0, r1, …). */
  private record Verdicts(Set<Integer> rejected, List<List<Finding>> findings) {
    Set<String> codes(int i) {
      Set<String> codes = new HashSet<>();
      findings.get(i).stream().filter(Finding::isError).forEach(f -> codes.add(f.code()));
      return codes;
    }

    String messages(int i) {
      return findings.get(i).stream().map(f -> f.code() + ": " + f.message()).toList().toString();
    }
  }

  private static Verdicts ours(Path file, Dialect dialect, boolean groupEach) throws Exception {
    LoadedFile loaded = new RuleFileLoader(dialect).load(file.toString(), Files.readAllBytes(file));
    assertThat(loaded.findings()).as("the corpus file itself is well-formed").isEmpty();
    RuleValidator validator = new RuleValidator(dialect);
    List<List<Finding>> findings = new ArrayList<>();
    Set<Integer> rejected = new HashSet<>();
    for (LoadedGroup g : loaded.groups()) {
      for (LoadedRule r : g.rules()) {
        int index = Integer.parseInt(r.spec().name().substring(1));
        List<Finding> f = validator.checkRule(g.spec().name(), r).findings();
        while (findings.size() <= index) {
          findings.add(List.of());
        }
        findings.set(index, f);
        if (f.stream().anyMatch(Finding::isError)) {
          rejected.add(index);
        }
      }
    }
    return new Verdicts(rejected, findings);
  }

  private static void report(
      String what, int total, int theyReject, int intended, List<String> disagreements) {
    System.out.printf(
        "%s: %d expressions, %d rejected by the tool, %d intended differences, %d disagreements%n",
        what, total, theyReject, intended, disagreements.size());
    disagreements.stream().limit(40).forEach(d -> System.out.println("  " + d));
  }
}
