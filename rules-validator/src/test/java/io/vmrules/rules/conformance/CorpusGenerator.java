package io.vmrules.rules.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates expressions from a seed: valid ones built from the grammar both dialects share (plus
 * MetricsQL forms when asked), and broken ones made by mutating valid ones (a character dropped or
 * inserted, a name misspelt, a modifier misplaced). The verdict of a broken one is not known in
 * advance; that is what the oracles are for.
 *
 * <p>Run as a program it writes rule files for benchmarks: {@code CorpusGenerator DIR RULES
 * [SEED]}.
 */
public final class CorpusGenerator {
  private static final String[] METRICS = {
    "up", "http_requests_total", "http_request_duration_seconds_bucket", "node_cpu_seconds_total",
    "process_resident_memory_bytes", "go_goroutines", "queue_depth", "db_pool_connections_in_use",
    "cache_hits_total", "cache_misses_total", "probe_success", "job:http_requests:rate5m"
  };
  private static final String[] LABELS = {
    "job", "instance", "env", "region", "cluster", "status", "method", "le"
  };
  private static final String[] VALUES = {
    "api", "web", "prod", "us-east-1", "5..", "GET", "10.0.0.1:9100", ""
  };
  private static final String[] RANGE_FUNCS = {
    "rate",
    "irate",
    "increase",
    "delta",
    "idelta",
    "deriv",
    "changes",
    "resets",
    "avg_over_time",
    "min_over_time",
    "max_over_time",
    "sum_over_time",
    "count_over_time",
    "last_over_time",
    "stddev_over_time",
    "present_over_time",
    "absent_over_time"
  };
  private static final String[] VECTOR_FUNCS = {
    "abs",
    "ceil",
    "floor",
    "exp",
    "ln",
    "log2",
    "log10",
    "sqrt",
    "sort",
    "sort_desc",
    "timestamp",
    "absent",
    "sgn"
  };
  private static final String[] AGGS = {
    "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar"
  };
  private static final String[] ARITH = {"+", "-", "*", "/", "%", "^"};
  private static final String[] COMPARE = {"==", "!=", ">", "<", ">=", "<="};
  private static final String[] SET = {"and", "or", "unless"};
  private static final String[] DURATIONS = {
    "30s", "1m", "5m", "10m", "1h", "1h30m", "2d", "1w", "500ms"
  };
  private static final String NOISE = "()[]{},=\"+*/~!@:. 5xa";

  private final Random random;
  private final boolean metricsql;

  public CorpusGenerator(long seed, boolean metricsql) {
    this.random = new Random(seed);
    this.metricsql = metricsql;
  }

  /** A valid expression of instant-vector type. */
  public String valid() {
    return vector(3);
  }

  /** A mutation of a valid expression; it may or may not still be valid. */
  public String mutated() {
    String e = valid();
    int kind = random.nextInt(6);
    int at = random.nextInt(e.length());
    return switch (kind) {
      case 0 -> e.substring(0, at) + e.substring(at + 1);
      case 1 -> e.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + e.substring(at);
      case 2 -> e.replaceFirst("\\b(rate|sum|abs|avg|histogram_quantile|increase|max)\\b", "$1x");
      case 3 -> e + " " + pick(COMPARE);
      case 4 -> e.replaceFirst("\\[", "[" + pick(new String[] {"-", "0", "5", "1.5m", ""}));
      default ->
          pick(
              new String[] {
                "1 > 2",
                "sum(1)",
                "rate(up)",
                "up and 1",
                "{}",
                "{job=\"\"}",
                "up{job=~\"(\"}",
                "topk(\"a\", up)",
                "scalar(up) + on(job) up",
                e + "[5m]",
                "-" + e + "[5m:1m]",
                "count_values(1, up)",
                "label_replace(up, \"a\", \"b\")",
                e + " offset 5m",
                "(" + e + ")[5m:]"
              });
    };
  }

  private String vector(int depth) {
    int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(metricsql ? 12 : 10);
    return switch (choice) {
      case 0 -> selector();
      case 1 -> pick(RANGE_FUNCS) + "(" + selector() + "[" + pick(DURATIONS) + "]" + offset() + ")";
      case 2 -> aggregation(depth);
      case 3 -> vector(depth - 1) + " " + pick(ARITH) + matching(false) + " " + vector(depth - 1);
      case 4 ->
          "("
              + vector(depth - 1)
              + " "
              + pick(COMPARE)
              + (random.nextBoolean() ? " bool" : "")
              + " "
              + scalar(depth - 1)
              + ")";
      case 5 -> vector(depth - 1) + " " + pick(SET) + matching(true) + " " + vector(depth - 1);
      case 6 -> pick(VECTOR_FUNCS) + "(" + vector(depth - 1) + ")";
      case 7 ->
          "histogram_quantile("
              + quantile()
              + ", sum by (le"
              + (random.nextBoolean() ? ", job" : "")
              + ") (rate("
              + "http_request_duration_seconds_bucket"
              + matchers()
              + "["
              + pick(DURATIONS)
              + "])))";
      case 8 ->
          pick(new String[] {"max_over_time", "min_over_time", "avg_over_time"})
              + "(("
              + vector(depth - 1)
              + ")["
              + pick(DURATIONS)
              + ":"
              + (random.nextBoolean() ? pick(DURATIONS) : "")
              + "])";
      case 9 ->
          random.nextBoolean()
              ? "(" + vector(depth - 1) + ")"
              : pick(new String[] {"clamp_max", "clamp_min", "round"})
                  + "("
                  + vector(depth - 1)
                  + ", "
                  + number()
                  + ")";
      case 10 -> metricsqlForm(depth);
      default ->
          "label_replace("
              + vector(depth - 1)
              + ", \"dst\", \"$1\", \""
              + pick(LABELS)
              + "\", \"(.*)\")";
    };
  }

  /** MetricsQL forms that VictoriaMetrics 1.79 (the packaged vmalert) already parses. */
  private String metricsqlForm(int depth) {
    return switch (random.nextInt(8)) {
      case 0 -> "rate(" + selector() + ")";
      case 1 -> "rate(" + selector() + "[" + (1 + random.nextInt(9)) + "i])";
      case 2 -> vector(depth - 1) + " default " + number();
      case 3 -> vector(depth - 1) + " if " + vector(depth - 1);
      case 4 -> "sum(" + vector(depth - 1) + ") by (job) limit " + (1 + random.nextInt(10));
      case 5 -> "WITH (x = " + selector() + ") x + 1";
      case 6 -> "rate(" + selector() + "[5m]) keep_metric_names";
      default ->
          vector(depth - 1)
              + " > "
              + (1 + random.nextInt(9))
              + pick(new String[] {"Ki", "K", "Mi", "G"});
    };
  }

  private String aggregation(int depth) {
    String inner = vector(depth - 1);
    String grouping =
        switch (random.nextInt(3)) {
          case 0 -> "";
          case 1 -> " by (" + pick(LABELS) + ")";
          default -> " without (" + pick(LABELS) + ")";
        };
    return switch (random.nextInt(4)) {
      case 0 -> "topk" + grouping + "(" + (1 + random.nextInt(9)) + ", " + inner + ")";
      case 1 -> "quantile" + grouping + "(" + quantile() + ", " + inner + ")";
      case 2 -> pick(AGGS) + "(" + inner + ")" + grouping;
      default -> pick(AGGS) + grouping + " (" + inner + ")";
    };
  }

  private String scalar(int depth) {
    return random.nextInt(4) == 0 && depth > 0 ? "scalar(" + vector(depth - 1) + ")" : number();
  }

  private String matching(boolean set) {
    if (random.nextInt(3) != 0) {
      return "";
    }
    String on = pick(LABELS);
    String m = (random.nextBoolean() ? " on" : " ignoring") + "(" + on + ")";
    if (!set && random.nextInt(3) == 0) {
      String include = pick(LABELS);
      m +=
          (random.nextBoolean() ? " group_left" : " group_right")
              + (random.nextBoolean() && !include.equals(on) ? "(" + include + ")" : "()");
    }
    return m;
  }

  private String selector() {
    return pick(METRICS) + matchers();
  }

  private String matchers() {
    int n = random.nextInt(3);
    if (n == 0) {
      return random.nextInt(4) == 0 ? "{}" : "";
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String op = pick(new String[] {"=", "!=", "=~", "!~"});
      String value = pick(VALUES);
      if (op.endsWith("~") && random.nextBoolean()) {
        value = pick(new String[] {"api|web", "5..", "us-.*", ".+"});
      }
      items.add(pick(LABELS) + op + "\"" + value + "\"");
    }
    return "{" + String.join(", ", items) + "}";
  }

  private String offset() {
    return random.nextInt(5) == 0 ? " offset " + pick(DURATIONS) : "";
  }

  private String quantile() {
    return pick(new String[] {"0.5", "0.9", "0.99", "0.999"});
  }

  private String number() {
    return pick(new String[] {"0", "1", "0.5", "100", "1e3", "0x10", "-1"});
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  /** A rule file of {@code rules} recording and alerting rules, in groups of 50. */
  public String ruleFile(int file, int rules) {
    StringBuilder y = new StringBuilder("groups:\n");
    for (int i = 0; i < rules; i++) {
      if (i % 50 == 0) {
        y.append("  - name: group_")
            .append(file)
            .append('_')
            .append(i / 50)
            .append("\n    interval: 1m\n    rules:\n");
      }
      String expr = valid().replace("'", "''");
      if (i % 2 == 0) {
        y.append("      - record: job:generated_").append(i).append(":rate5m\n");
        y.append("        expr: '").append(expr).append("'\n");
      } else {
        y.append("      - alert: Generated").append(i).append("\n");
        y.append("        expr: '").append(expr).append(" > 0'\n        for: 5m\n");
        y.append("        labels:\n          severity: warning\n");
        y.append(
            "        annotations:\n          summary: \"{{ $labels.job }} is at {{ $value }}\"\n");
      }
    }
    return y.toString();
  }

  /** Writes {@code rules} recording and alerting rules into files of at most 1000 rules each. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rules = Integer.parseInt(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    CorpusGenerator g = new CorpusGenerator(seed, false);
    Files.createDirectories(dir);
    int perFile = 1000;
    for (int file = 0; file * perFile < rules; file++) {
      String y = g.ruleFile(file, Math.min(perFile, rules - file * perFile));
      Files.writeString(
          dir.resolve(String.format("rules-%03d.yml", file)), y, StandardCharsets.UTF_8);
    }
  }
}
