package io.vmrules.rules.unittest;

import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.DurationText;
import io.vmrules.promql.ParseResult;
import io.vmrules.promql.PromQL;
import io.vmrules.promql.Suggestions;
import io.vmrules.promql.ast.LabelMatcher;
import io.vmrules.promql.ast.MatchOp;
import io.vmrules.promql.ast.VectorSelector;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.unittest.TestFile.AlertTest;
import io.vmrules.rules.unittest.TestFile.ExpectedAlert;
import io.vmrules.rules.unittest.TestFile.ExpectedSample;
import io.vmrules.rules.unittest.TestFile.ExprTest;
import io.vmrules.rules.unittest.TestFile.Format;
import io.vmrules.rules.unittest.TestFile.InputSeries;
import io.vmrules.rules.unittest.TestFile.TestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a test file in promtool's or vmalert-tool's format into a {@link TestFile}, reporting every
 * problem with its line and column: unknown keys (with the closest known one), wrong types, bad
 * durations, bad value notation, series that are not a plain selector, a file that mixes the two
 * formats. Nothing is thrown for bad input.
 */
public final class TestFileReader {
  /**
   * Where input samples start: VictoriaMetrics answers nothing for windows that reach back to the
   * first minutes after 1970, so offset zero is 2000-01-01T00:00:00Z, as in vmalert-tool.
   */
  public static final Instant DEFAULT_START = Instant.parse("2000-01-01T00:00:00Z");

  private static final Set<String> TOP =
      Set.of("rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare");
  private static final Set<String> GROUP =
      Set.of(
          "name",
          "interval",
          "input_series",
          "alert_rule_test",
          "promql_expr_test",
          "metricsql_expr_test",
          "external_labels",
          "external_url",
          "start_timestamp");
  private static final Set<String> SERIES = Set.of("series", "values");
  private static final Set<String> ALERT =
      Set.of("eval_time", "alertname", "groupname", "exp_alerts");
  private static final Set<String> EXP_ALERT = Set.of("exp_labels", "exp_annotations");
  private static final Set<String> EXPR = Set.of("expr", "eval_time", "exp_samples");
  private static final Set<String> SAMPLE = Set.of("labels", "value");
  private static final Set<String> PROMTOOL_ONLY =
      Set.of("promql_expr_test", "fuzzy_compare", "start_timestamp");
  private static final Set<String> VMALERT_ONLY = Set.of("metricsql_expr_test", "groupname");

  private final String file;
  private final List<Finding> findings = new ArrayList<>();
  private Format format = Format.PROMTOOL;
  private Node promtoolMarker;
  private Node vmalertMarker;

  private TestFileReader(String file) {
    this.file = file;
  }

  /** What reading found: the file (null when it has errors) and every problem. */
  public record Result(TestFile file, List<Finding> findings) {
    public Result {
      findings = List.copyOf(findings);
    }

    public boolean ok() {
      return file != null;
    }
  }

  /** Reads {@code text}, the content of {@code path}. */
  public static Result read(Path path, String text) {
    return new TestFileReader(path.toString()).readText(path, text);
  }

  private Result readText(Path path, String text) {
    Node root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file).build();
      Composer composer =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      root = composer.getSingleNode().orElse(null);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark();
      error(
          mark.map(m -> m.getLine() + 1).orElse(1),
          mark.map(m -> m.getColumn() + 1).orElse(1),
          "test.yaml",
          "not valid YAML: " + e.getProblem());
      return new Result(null, findings);
    } catch (YamlEngineException e) {
      error(1, 1, "test.yaml", "not valid YAML: " + e.getMessage());
      return new Result(null, findings);
    }
    if (root == null) {
      error(1, 1, "test.empty", "the test file is empty: expected rule_files and tests");
      return new Result(null, findings);
    }
    MappingNode top = mapping(root, "the test file");
    if (top == null) {
      return new Result(null, findings);
    }
    detectFormat(root);
    if (top.getValue().stream()
        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("groups"))) {
      error(
          top,
          "test.rule-file",
          "this is a rule file (it has groups:), not a test file: a test file has rule_files"
              + " and tests");
      return new Result(null, findings);
    }
    Map<String, Node> keys = keys(top, TOP, "the test file");
    Duration evaluationInterval =
        keys.containsKey("evaluation_interval")
            ? duration(keys.get("evaluation_interval"), "evaluation_interval")
            : Duration.ofMinutes(1);
    if (evaluationInterval != null && evaluationInterval.isZero()) {
      error(keys.get("evaluation_interval"), "test.duration", "evaluation_interval must be > 0");
    }
    List<String> ruleFiles = new ArrayList<>();
    Path dir = path.toAbsolutePath().getParent();
    for (Node n : list(keys.get("rule_files"), "rule_files")) {
      String s = string(n, "a rule file path");
      if (s != null) {
        ruleFiles.add(Path.of(s).isAbsolute() || dir == null ? s : dir.resolve(s).toString());
      }
    }
    if (!keys.containsKey("rule_files")) {
      error(top, "test.missing", "no rule_files: name the rule files these tests evaluate");
    }
    List<String> order = new ArrayList<>();
    for (Node n : list(keys.get("group_eval_order"), "group_eval_order")) {
      String s = string(n, "a group name");
      if (s != null) {
        order.add(s);
      }
    }
    boolean fuzzy = keys.containsKey("fuzzy_compare") && bool(keys.get("fuzzy_compare"));
    List<TestGroup> tests = new ArrayList<>();
    for (Node n : list(keys.get("tests"), "tests")) {
      TestGroup g =
          testGroup(n, evaluationInterval == null ? Duration.ofMinutes(1) : evaluationInterval);
      if (g != null) {
        tests.add(g);
      }
    }
    if (!keys.containsKey("tests")) {
      error(top, "test.missing", "no tests: the file has nothing to run");
    }
    boolean errors = findings.stream().anyMatch(Finding::isError);
    TestFile out =
        errors || evaluationInterval == null
            ? null
            : new TestFile(path, format, ruleFiles, evaluationInterval, order, fuzzy, tests);
    return new Result(out, findings);
  }

  /** The format from the keys anywhere in the file; both kinds of keys is an error. */
  private void detectFormat(Node node) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          if (PROMTOOL_ONLY.contains(k.getValue()) && promtoolMarker == null) {
            promtoolMarker = k;
          }
          if (VMALERT_ONLY.contains(k.getValue()) && vmalertMarker == null) {
            vmalertMarker = k;
          }
        }
        detectFormat(t.getValueNode());
      }
    } else if (node instanceof SequenceNode s) {
      for (Node n : s.getValue()) {
        detectFormat(n);
      }
    }
    if (vmalertMarker != null) {
      format = Format.VMALERT_TOOL;
    }
  }

  private TestGroup testGroup(Node node, Duration evaluationInterval) {
    MappingNode m = mapping(node, "a test group");
    if (m == null) {
      return null;
    }
    Map<String, Node> keys = keys(m, GROUP, "a test group");
    String name = keys.containsKey("name") ? string(keys.get("name"), "a name") : "";
    Duration interval =
        keys.containsKey("interval")
            ? duration(keys.get("interval"), "interval")
            : evaluationInterval;
    if (interval != null && interval.isZero()) {
      error(keys.get("interval"), "test.duration", "interval must be > 0");
      interval = null;
    }
    Instant start = DEFAULT_START;
    if (keys.containsKey("start_timestamp")) {
      start = timestamp(keys.get("start_timestamp"));
    }
    List<InputSeries> series = new ArrayList<>();
    for (Node n : list(keys.get("input_series"), "input_series")) {
      InputSeries s = inputSeries(n);
      if (s != null) {
        series.add(s);
      }
    }
    List<AlertTest> alerts = new ArrayList<>();
    for (Node n : list(keys.get("alert_rule_test"), "alert_rule_test")) {
      AlertTest a = alertTest(n);
      if (a != null) {
        alerts.add(a);
      }
    }
    List<ExprTest> exprs = new ArrayList<>();
    for (String key : List.of("promql_expr_test", "metricsql_expr_test")) {
      for (Node n : list(keys.get(key), key)) {
        ExprTest e = exprTest(n);
        if (e != null) {
          exprs.add(e);
        }
      }
    }
    Map<String, String> external = stringMap(keys.get("external_labels"), "external_labels");
    String externalUrl =
        keys.containsKey("external_url") ? string(keys.get("external_url"), "a URL") : "";
    if (interval == null || start == null) {
      return null;
    }
    return new TestGroup(
        name == null ? "" : name,
        line(node),
        start,
        interval,
        series,
        alerts,
        exprs,
        external,
        externalUrl == null ? "" : externalUrl);
  }

  private InputSeries inputSeries(Node node) {
    MappingNode m = mapping(node, "an input series");
    if (m == null) {
      return null;
    }
    Map<String, Node> keys = keys(m, SERIES, "an input series");
    Labels labels = null;
    if (!keys.containsKey("series")) {
      error(node, "test.missing", "input series without series: expected e.g. 'up{job=\"api\"}'");
    } else {
      labels = labels(keys.get("series"), true);
    }
    List<SeriesValues.Item> values = List.of();
    Node v = keys.get("values");
    if (v == null) {
      error(node, "test.missing", "input series without values: expected e.g. '1+1x10'");
    } else if (v instanceof ScalarNode s) {
      try {
        values = SeriesValues.parse(s.getValue());
      } catch (SeriesValues.NotationException e) {
        errorInScalar(s, e.offset(), "test.values", e.getMessage());
        return null;
      }
    } else {
      error(v, "test.type", "values must be a string such as '1+1x10', not a " + kind(v));
    }
    return labels == null ? null : new InputSeries(labels, values, line(node));
  }

  private AlertTest alertTest(Node node) {
    MappingNode m = mapping(node, "an alert rule test");
    if (m == null) {
      return null;
    }
    Map<String, Node> keys = keys(m, ALERT, "an alert rule test");
    Duration evalTime = evalTime(node, keys);
    String alertname = null;
    if (!keys.containsKey("alertname")) {
      error(node, "test.missing", "alert rule test without alertname");
    } else {
      alertname = string(keys.get("alertname"), "an alert name");
    }
    String groupname =
        keys.containsKey("groupname") ? string(keys.get("groupname"), "a group name") : null;
    List<ExpectedAlert> expected = new ArrayList<>();
    for (Node n : list(keys.get("exp_alerts"), "exp_alerts")) {
      MappingNode e = mapping(n, "an expected alert");
      if (e == null) {
        continue;
      }
      Map<String, Node> ek = keys(e, EXP_ALERT, "an expected alert");
      Map<String, String> labels =
          new LinkedHashMap<>(stringMap(ek.get("exp_labels"), "exp_labels"));
      Map<String, String> annotations = stringMap(ek.get("exp_annotations"), "exp_annotations");
      if (alertname != null) {
        labels.put("alertname", alertname);
      }
      expected.add(new ExpectedAlert(labels, annotations));
    }
    if (evalTime == null || alertname == null) {
      return null;
    }
    return new AlertTest(
        evalTime, alertname, groupname, expected, line(keys.getOrDefault("eval_time", node)));
  }

  private ExprTest exprTest(Node node) {
    MappingNode m = mapping(node, "an expression test");
    if (m == null) {
      return null;
    }
    Map<String, Node> keys = keys(m, EXPR, "an expression test");
    Duration evalTime = evalTime(node, keys);
    String expr = null;
    if (!keys.containsKey("expr")) {
      error(node, "test.missing", "expression test without expr");
    } else {
      expr = string(keys.get("expr"), "an expression");
    }
    List<ExpectedSample> expected = new ArrayList<>();
    for (Node n : list(keys.get("exp_samples"), "exp_samples")) {
      MappingNode s = mapping(n, "an expected sample");
      if (s == null) {
        continue;
      }
      Map<String, Node> sk = keys(s, SAMPLE, "an expected sample");
      Labels labels = sk.containsKey("labels") ? labels(sk.get("labels"), false) : Labels.empty();
      Double value = null;
      if (!sk.containsKey("value")) {
        error(n, "test.missing", "expected sample without value");
      } else {
        value = number(sk.get("value"));
      }
      if (labels != null && value != null) {
        expected.add(new ExpectedSample(labels, value));
      }
    }
    if (evalTime == null || expr == null) {
      return null;
    }
    return new ExprTest(expr, evalTime, expected, line(keys.getOrDefault("eval_time", node)));
  }

  private Duration evalTime(Node node, Map<String, Node> keys) {
    if (!keys.containsKey("eval_time")) {
      error(node, "test.missing", "test without eval_time: expected e.g. eval_time: 10m");
      return null;
    }
    return duration(keys.get("eval_time"), "eval_time");
  }

  /** A series in selector notation: {@code name{a="b"}} or {@code {__name__="name", a="b"}}. */
  private Labels labels(Node node, boolean nameRequired) {
    String text = string(node, "a series such as 'up{job=\"api\"}'");
    if (text == null) {
      return null;
    }
    if (text.isBlank() || text.strip().equals("{}")) {
      if (nameRequired) {
        error(node, "test.series", "empty series: expected a metric name and labels");
        return null;
      }
      return Labels.empty();
    }
    ParseResult parsed = PromQL.parse(text, Dialect.PROMQL);
    for (Diagnostic d : parsed.diagnostics()) {
      if (d.isError()) {
        errorInScalar(
            (ScalarNode) node,
            d.span().start(),
            "test.series",
            "series " + text + ": " + d.message());
        return null;
      }
    }
    if (!(parsed.expr() instanceof VectorSelector v) || v.offset() != null || v.at() != null) {
      error(node, "test.series", "series " + text + " is not of the form name{label=\"value\", …}");
      return null;
    }
    Labels.Builder b = Labels.builder();
    if (v.name() != null) {
      b.set(Labels.METRIC_NAME, v.name());
    }
    for (LabelMatcher lm : v.matchers()) {
      if (lm.op() != MatchOp.EQ) {
        errorInScalar(
            (ScalarNode) node,
            lm.span().start(),
            "test.series",
            "series "
                + text
                + ": label "
                + lm.name()
                + " uses "
                + lm.op().symbol()
                + "; a series names each label with =");
        return null;
      }
      b.set(lm.name(), lm.value());
    }
    Labels labels = b.build();
    if (nameRequired && labels.get(Labels.METRIC_NAME) == null) {
      error(node, "test.series", "series " + text + " has no metric name");
      return null;
    }
    return labels;
  }

  private Instant timestamp(Node node) {
    String s = string(node, "a time");
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        double seconds = Double.parseDouble(s);
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
      } catch (NumberFormatException e2) {
        error(node, "test.time", "start_timestamp " + s + ": expected RFC 3339 or Unix seconds");
        return null;
      }
    }
  }

  private Duration duration(Node node, String what) {
    String s = string(node, "a duration such as 1m");
    if (s == null) {
      return null;
    }
    DurationText d =
        format == Format.VMALERT_TOOL ? DurationText.vmalert(s) : DurationText.prometheus(s);
    if (!d.ok()) {
      error(node, "test.duration", what + " \"" + s + "\": " + d.error());
      return null;
    }
    if (d.millis() < 0) {
      error(node, "test.duration", what + " \"" + s + "\" is negative");
      return null;
    }
    return Duration.ofMillis(d.millis());
  }

  private Double number(Node node) {
    String s = string(node, "a number");
    if (s == null) {
      return null;
    }
    try {
      List<SeriesValues.Item> items = SeriesValues.parse(s);
      if (items.size() == 1 && items.get(0) instanceof SeriesValues.Value v) {
        return v.value();
      }
    } catch (SeriesValues.NotationException e) {
      // reported below
    }
    error(node, "test.type", "value " + s + " is not a number");
    return null;
  }

  private boolean bool(Node node) {
    String s = string(node, "true or false");
    if ("true".equals(s)) {
      return true;
    }
    if (s != null && !"false".equals(s)) {
      error(node, "test.type", "expected true or false, not " + s);
    }
    return false;
  }

  private Map<String, String> stringMap(Node node, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || isNull(node)) {
      return out;
    }
    MappingNode m = mapping(node, what);
    if (m == null) {
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      String k = string(t.getKeyNode(), "a name");
      String v = string(t.getValueNode(), "a string value");
      if (k != null && v != null) {
        if (out.put(k, v) != null) {
          error(t.getKeyNode(), "test.duplicate", what + ": " + k + " is given twice");
        }
      }
    }
    return out;
  }

  /** The mapping's values by key; unknown and repeated keys are reported. */
  private Map<String, Node> keys(MappingNode m, Set<String> known, String what) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String k = string(t.getKeyNode(), "a key");
      if (k == null) {
        continue;
      }
      if (!known.contains(k)) {
        String hint =
            Suggestions.closest(k, known).map(s -> "; did you mean \"" + s + "\"?").orElse("");
        error(t.getKeyNode(), "test.unknown-key", "unknown key \"" + k + "\" in " + what + hint);
        continue;
      }
      if (out.containsKey(k)) {
        error(t.getKeyNode(), "test.duplicate", "key \"" + k + "\" is given twice in " + what);
        continue;
      }
      if (promtoolMarker != null
          && vmalertMarker != null
          && (t.getKeyNode() == promtoolMarker || t.getKeyNode() == vmalertMarker)
          && t.getKeyNode() == laterMarker()) {
        Node other = t.getKeyNode() == promtoolMarker ? vmalertMarker : promtoolMarker;
        error(
            t.getKeyNode(),
            "test.format",
            "\""
                + k
                + "\" belongs to "
                + (t.getKeyNode() == promtoolMarker ? "promtool's" : "vmalert-tool's")
                + " format, but \""
                + ((ScalarNode) other).getValue()
                + "\" at line "
                + line(other)
                + " to "
                + (other == promtoolMarker ? "promtool's" : "vmalert-tool's")
                + ": a test file uses one of the two");
      }
      out.put(k, t.getValueNode());
    }
    return out;
  }

  private Node laterMarker() {
    int a = promtoolMarker.getStartMark().map(Mark::getIndex).orElse(0);
    int b = vmalertMarker.getStartMark().map(Mark::getIndex).orElse(0);
    return a > b ? promtoolMarker : vmalertMarker;
  }

  private List<Node> list(Node node, String what) {
    if (node == null || isNull(node)) {
      return List.of();
    }
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    error(node, "test.type", what + " must be a list, not a " + kind(node));
    return List.of();
  }

  private MappingNode mapping(Node node, String what) {
    if (node instanceof MappingNode m) {
      return m;
    }
    error(node, "test.type", what + " must be a mapping, not a " + kind(node));
    return null;
  }

  private String string(Node node, String what) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    error(node, "test.type", "expected " + what + ", not a " + kind(node));
    return null;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s
        && s.getTag().getValue().endsWith(":null")
        && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"));
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "mapping";
    }
    if (node instanceof SequenceNode) {
      return "list";
    }
    return "scalar";
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  private static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }

  private void error(Node node, String code, String message) {
    error(line(node), column(node), code, message);
  }

  /** An error at a character of a one-line scalar (quoted scalars start after the quote). */
  private void errorInScalar(ScalarNode node, int offset, String code, String message) {
    int shift = node.getScalarStyle().toString().equals("PLAIN") ? 0 : 1;
    String text = node.getValue();
    boolean oneLine =
        text.indexOf('\n') < 0
            && node.getStartMark().isPresent()
            && node.getEndMark().isPresent()
            && node.getStartMark().get().getLine() == node.getEndMark().get().getLine();
    error(line(node), column(node) + (oneLine ? shift + Math.max(0, offset) : 0), code, message);
  }

  private void error(int line, int column, String code, String message) {
    findings.add(new Finding(file, line, column, Finding.Level.ERROR, code, "", "", message));
  }
}
