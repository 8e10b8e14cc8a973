package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.PromQL;
import io.vmrules.testsupport.ExternalTool;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our compiler's verdict against what the real engines do, on input that does not come from our
 * grammar or catalog: the examples of the MetricsQL documentation, every function name the
 * documentation lists called with ten argument shapes, the constructs of issue 16, and seeded
 * mutations of those. The MetricsQL reference is a real {@code victoria-metrics}: the expression
 * runs as an instant query; HTTP 200, or an error that depends on the data (duplicate output
 * series, limits, timeouts), means valid. The PromQL reference is {@code promtool check rules}.
 *
 * <p>No false reject is allowed. The false accepts that remain are listed by class:
 *
 * <ul>
 *   <li>newer than the packaged VictoriaMetrics 1.79: functions added since ({@link
 *       FunctionCatalogIT#NEWER_THAN_VICTORIAMETRICS}), and syntax we accept with a {@code
 *       promql.newer-syntax} warning that names the version (quoted names, {@code or} filters);
 *   <li>an argument that must be one series ({@code topk(x, 1)}, "arg #1 must contain a single
 *       timeseries"; {@code x @ y}): whether it is depends on the data.
 * </ul>
 *
 * Any other false accept fails the test.
 */
class MetricsqlConformanceIT {
  private static final Path DOCUMENTED_FUNCTIONS =
      Path.of(
          "../promql-grammar/src/test/resources/io/vmrules/promql/types/metricsql-documented-functions.txt");
  private static final List<String> ARGUMENT_SHAPES =
      List.of(
          "",
          "x",
          "x[5m]",
          "x, 1",
          "x[5m], 1",
          "1, x",
          "x, \"a\"",
          "x, \"a\", \"b\"",
          "x[5m], 0.5, 1",
          "0.5, x");
  private static final List<String> MUTATION_PIECES =
      List.of(
          "(",
          ")",
          ",",
          "[5m]",
          "[5m:1m]",
          " offset 1m",
          "by (a)",
          " + ",
          "{",
          "}",
          "\"",
          ":",
          "1",
          "x",
          "-",
          " and ",
          " or ",
          " bool ",
          "[",
          "]",
          "@ 100",
          " keep_metric_names",
          "5m",
          "\"a\"",
          "=",
          "~",
          "!",
          // names VictoriaMetrics writes back bare from {__name__="x"} and may then misread
          "{__name__=\"sum\"}",
          "{__name__=\"on\"}",
          "{__name__=\"bool\"}",
          " default ",
          " ifnot ",
          "sum",
          "on");

  /** VictoriaMetrics' messages for errors that depend on the data, not on the query. */
  private static final List<String> DATA_ERRORS =
      List.of(
          "duplicate output",
          "duplicate time series",
          "cannot exceed",
          "exceeds",
          "timeout",
          "too many series",
          "too many time series",
          "too many points",
          "too many unique");

  /**
   * How many mutations, and their seed: CI runs the defaults; a longer search for disagreements is
   * {@code -Dconformance.mutations=20000 -Dconformance.seed=7}.
   */
  private static final int MUTATIONS = Integer.getInteger("conformance.mutations", 1500);

  private static final long SEED = Long.getLong("conformance.seed", 16);

  /** {@code -Dconformance.verbose=true} prints every false accept of a known class. */
  private static final boolean VERBOSE = Boolean.getBoolean("conformance.verbose");

  /**
   * VictoriaMetrics' refusal of an argument that must be one series ({@code topk(x, 1)}): it
   * depends on how many series the data has, so it is the one class of false accepts allowed.
   */
  private static final String SINGLE_SERIES = "must contain a single timeseries";

  /** The same for {@code x @ y}: y must be one series, which depends on the data. */
  private static final String AT_SINGLE_SERIES = "modifier must return a single series";

  private static VictoriaMetricsProcess vm;

  @TempDir Path dir;

  /** Expressions that made VictoriaMetrics exit (a Go panic): refusals, printed for the record. */
  private static final List<String> PANICS = new ArrayList<>();

  @BeforeAll
  static void data() throws Exception {
    vm = VictoriaMetricsProcess.start();
    importData();
  }

  private static void importData() throws Exception {
    StringBuilder b = new StringBuilder();
    long end = 1_700_000_000L;
    for (long t = end - 3600; t <= end; t += 15) {
      long i = t - end + 3600;
      b.append("x{lbl=\"a\",le=\"1\"} ").append(i).append(' ').append(t * 1000).append('\n');
      b.append("x{lbl=\"b\",le=\"+Inf\"} ").append(2 * i).append(' ').append(t * 1000).append('\n');
      b.append("m{job=\"a\"} ").append(i % 7).append(' ').append(t * 1000).append('\n');
    }
    vm.importPrometheus(b.toString());
  }

  @org.junit.jupiter.api.AfterAll
  static void stop() throws IOException {
    if (vm != null) {
      vm.close();
    }
  }

  @Test
  void victoriaMetricsAgreesWithEveryMetricsqlVerdict() throws Exception {
    Map<String, Set<String>> corpus = metricsqlCorpus();
    Map<String, int[]> perConstruct =
        new TreeMap<>(); // agree, false reject, false accept (intended), false accept (other)
    List<String> falseRejects = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    int dataDependent = 0;
    int total = 0;
    for (Map.Entry<String, Set<String>> e : corpus.entrySet()) {
      int[] counts = perConstruct.computeIfAbsent(e.getKey(), k -> new int[4]);
      for (String expr : e.getValue()) {
        total++;
        String refusal = victoriaMetricsRefusal(expr);
        List<Diagnostic> diagnostics = PromQL.check(expr, Dialect.METRICSQL).diagnostics();
        boolean weReject = diagnostics.stream().anyMatch(Diagnostic::isError);
        if (weReject == (refusal != null)) {
          counts[0]++;
        } else if (weReject
            && (refusedAlone(expr, diagnostics) || newerAggregationName(diagnostics))) {
          counts[2]++; // VictoriaMetrics skipped the call while evaluating: it refuses it alone
        } else if (weReject) {
          counts[1]++;
          falseRejects.add(expr + "  -- ours: " + diagnostics.get(0).message());
        } else if (isNewer(expr, diagnostics)) {
          counts[2]++;
        } else if (refusal.contains(SINGLE_SERIES) || refusal.contains(AT_SINGLE_SERIES)) {
          // topk(x, 1): whether x is one series depends on the data, which we do not see
          counts[2]++;
          dataDependent++;
          if (VERBOSE) {
            System.out.println("  data-dependent: " + expr);
          }
        } else {
          counts[3]++;
          unexplained.add(expr + "  -- VictoriaMetrics: " + refusal);
        }
      }
    }
    System.out.printf("MetricsQL vs VictoriaMetrics: %d expressions%n", total);
    System.out.printf(
        "  %-14s %6s %8s %16s %10s%n",
        "construct", "agree", "f.reject", "f.accept(known)", "f.accept");
    perConstruct.forEach(
        (k, c) -> System.out.printf("  %-14s %6d %8d %16d %10d%n", k, c[0], c[1], c[2], c[3]));
    falseRejects.forEach(f -> System.out.println("  false reject: " + f));
    unexplained.forEach(f -> System.out.println("  false accept: " + f));
    PANICS.forEach(f -> System.out.println("  VictoriaMetrics panicked on: " + f));
    System.out.printf(
        "  false accepts whose refusal depends on the data (\"%s\"): %d%n",
        SINGLE_SERIES, dataDependent);
    assertThat(total).isGreaterThan(4000);
    assertThat(falseRejects).as("queries VictoriaMetrics runs and we refuse").isEmpty();
    assertThat(unexplained).as("queries VictoriaMetrics refuses for no listed reason").isEmpty();
  }

  @Test
  void promtoolAgreesWithEveryPromqlVerdict() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool");
    List<String> corpus = new ArrayList<>();
    for (String[] row : constructs()) {
      if (row[1].equals("B")) {
        corpus.add(row[2]);
      }
    }
    corpus.addAll(mutations(new ArrayList<>(corpus), MUTATIONS / 5, SEED + 26));
    StringBuilder y = new StringBuilder("groups:\n  - name: conformance\n    rules:\n");
    for (int i = 0; i < corpus.size(); i++) {
      y.append("      - record: r")
          .append(i)
          .append("\n        expr: ")
          .append(yamlQuote(corpus.get(i)))
          .append('\n');
    }
    Path file = dir.resolve("promql.yml");
    Files.writeString(file, y, StandardCharsets.UTF_8);
    String output = promtool.run("check", "rules", file.toString()).output();
    Set<Integer> theirs = new LinkedHashSet<>();
    Matcher m = Pattern.compile("rule (\\d+), \"r\\d+\"").matcher(output);
    while (m.find()) {
      theirs.add(Integer.parseInt(m.group(1)) - 1);
    }
    List<String> falseRejects = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      List<Diagnostic> diagnostics = PromQL.check(corpus.get(i), Dialect.PROMQL).diagnostics();
      boolean weReject = diagnostics.stream().anyMatch(Diagnostic::isError);
      boolean theyReject = theirs.contains(i);
      if (weReject && !theyReject) {
        falseRejects.add(corpus.get(i) + "  -- ours: " + diagnostics.get(0).message());
      } else if (!weReject && theyReject && !isNewer(corpus.get(i), diagnostics)) {
        unexplained.add(corpus.get(i));
      }
    }
    System.out.printf(
        "PromQL vs promtool: %d expressions, promtool refused %d%n", corpus.size(), theirs.size());
    falseRejects.forEach(f -> System.out.println("  false reject: " + f));
    unexplained.forEach(f -> System.out.println("  false accept: " + f));
    assertThat(theirs).isNotEmpty();
    assertThat(falseRejects).isEmpty();
    assertThat(unexplained).isEmpty();
  }

  /** Syntax or functions newer than the packaged tools, which we accept and say so. */
  private static boolean isNewer(String expr, List<Diagnostic> diagnostics) {
    if (diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCode.NEWER_SYNTAX))) {
      return true;
    }
    Matcher call = Pattern.compile("([a-z_0-9]+)\\s*\\(").matcher(expr);
    while (call.find()) {
      if (FunctionCatalogIT.NEWER_THAN_VICTORIAMETRICS.contains(call.group(1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Durations that start with '.' ({@code x offset .5m}, {@code x[.5m]}) make VictoriaMetrics 1.79
   * panic and exit (a "BUG: cannot parse duration"): we refuse them, and they are not sent.
   */
  private static final Pattern PANICS_VICTORIAMETRICS =
      Pattern.compile("(?<![-0-9A-Za-z_.]|-\\s{1,9})\\.[0-9]+(ms|s|m|h|d|w|y)(?![a-z])");

  /**
   * Whether our first error is an argument check of a call that VictoriaMetrics refuses when asked
   * about the call alone: it checks arguments only while evaluating, and skips calls whose
   * surroundings have no series ({@code histogram_avg(sum(histogram_over_time(a, b[5m])))}).
   */
  private static boolean refusedAlone(String expr, List<Diagnostic> diagnostics) throws Exception {
    Diagnostic first = diagnostics.stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    if (!first.code().equals(DiagnosticCode.TYPE) && !first.code().equals(DiagnosticCode.ARITY)) {
      return false;
    }
    String call = expr.substring(first.span().start(), first.span().end());
    return !call.equals(expr) && victoriaMetricsRefusal(call) != null;
  }

  /**
   * Whether our first error is about a name VictoriaMetrics reads as an aggregation ({@code
   * outliers_iqr and x}) but 1.79, older than that aggregation, reads as a metric.
   */
  private static boolean newerAggregationName(List<Diagnostic> diagnostics) {
    Diagnostic first = diagnostics.stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    Matcher m =
        Pattern.compile("^VictoriaMetrics reads \"([^\"]+)\" before").matcher(first.message());
    return m.find()
        && FunctionCatalogIT.NEWER_THAN_VICTORIAMETRICS.contains(
            m.group(1).toLowerCase(java.util.Locale.ROOT));
  }

  /** VictoriaMetrics' reason for refusing {@code expr}, or null when it runs it. */
  private static String victoriaMetricsRefusal(String expr) throws Exception {
    if (PANICS_VICTORIAMETRICS.matcher(expr).find()) {
      return "VictoriaMetrics 1.79 panics on a duration that starts with '.'";
    }
    HttpResponse<String> response;
    try {
      response = vm.queryAt(expr, 1_700_000_000L);
    } catch (IOException e) {
      // VictoriaMetrics 1.79 panics on some malformed input ("BUG: cannot parse the expression"):
      // it refused the query, in the hardest way. Start another one and go on.
      PANICS.add(expr);
      vm.close();
      vm = VictoriaMetricsProcess.start();
      importData();
      return "VictoriaMetrics panicked: " + e.getMessage();
    }
    if (response.statusCode() == 200) {
      return null;
    }
    // The message quotes the query, which may hold any word: judge the rest.
    String body =
        response.body().replaceAll("query=\\\\\"(?:[^\\\\]|\\\\[^\"])*?\\\\\"", "query=…");
    for (String dataError : DATA_ERRORS) {
      if (body.contains(dataError)) {
        return null;
      }
    }
    return body;
  }

  // ---- the corpus ----

  private static Map<String, Set<String>> metricsqlCorpus() throws IOException {
    Map<String, Set<String>> corpus = new LinkedHashMap<>();
    List<String> docs = lines(Path.of("src/test/resources/conformance/metricsql-doc-examples.txt"));
    corpus.put("doc-examples", new LinkedHashSet<>(docs));
    List<String> constructs = new ArrayList<>();
    for (String[] row : constructs()) {
      corpus.computeIfAbsent(row[0], k -> new LinkedHashSet<>()).add(row[2]);
      constructs.add(row[2]);
    }
    Set<String> calls = new LinkedHashSet<>();
    for (String name : lines(DOCUMENTED_FUNCTIONS)) {
      for (String args : ARGUMENT_SHAPES) {
        calls.add(name + "(" + args + ")");
      }
    }
    corpus.put("functions", calls);
    List<String> seeds = new ArrayList<>(docs);
    seeds.addAll(constructs);
    corpus.put("mutations", mutations(seeds, MUTATIONS, SEED));
    return corpus;
  }

  private static List<String[]> constructs() throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : lines(Path.of("src/test/resources/conformance/constructs.tsv"))) {
      rows.add(line.split("\t", 3));
    }
    return rows;
  }

  /** Seeded single edits: delete or swap a character, insert a piece, repeat a stretch. */
  private static Set<String> mutations(List<String> seeds, int count, long seed) {
    Random random = new Random(seed);
    Set<String> out = new LinkedHashSet<>();
    for (int tries = 0; out.size() < count && tries < count * 20; tries++) {
      String s = seeds.get(random.nextInt(seeds.size()));
      int i = random.nextInt(s.length() + 1);
      switch (random.nextInt(4)) {
        case 0 ->
            s =
                s.length() > 1
                    ? s.substring(0, Math.min(i, s.length() - 1))
                        + s.substring(Math.min(i, s.length() - 1) + 1)
                    : s;
        case 1 ->
            s =
                s.substring(0, i)
                    + MUTATION_PIECES.get(random.nextInt(MUTATION_PIECES.size()))
                    + s.substring(i);
        case 2 -> {
          int j = random.nextInt(s.length() + 1);
          int a = Math.min(i, j);
          int b = Math.max(i, j);
          s = s.substring(0, b) + s.substring(a, b) + s.substring(b);
        }
        default -> {
          if (i > 0 && i < s.length()) {
            s = s.substring(0, i - 1) + s.charAt(i) + s.charAt(i - 1) + s.substring(i + 1);
          }
        }
      }
      if (!s.isBlank()) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }

  private static String yamlQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) { // YAML holds no raw control characters
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
