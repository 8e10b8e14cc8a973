package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.LineMap;
import io.vmrules.promql.Names;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.model.SourceLines;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.model.TextPositions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The schema walk of one rule file: the file, its groups and their rules, from the YAML node tree,
 * every structural problem a finding with its position; the groups and rules that could be read are
 * returned alongside, for the expression and template checks.
 */
final class RuleFileWalker {
  private final String file;
  private final String text;
  private final Dialect dialect;
  private final List<Finding> findings;
  private final SourceLines sourceLines;
  private final NodeReport report;
  private final NodeReader reader;
  private final DisableComments disableComments;

  RuleFileWalker(String file, String text, Dialect dialect, List<Finding> findings) {
    this.file = file;
    this.text = text;
    this.dialect = dialect;
    this.findings = findings;
    LineMap lines = new LineMap(text);
    this.sourceLines = new SourceLines(text, lines);
    this.report = new NodeReport(file, text, lines, findings);
    this.reader = new NodeReader(dialect, report);
    this.disableComments = new DisableComments(text, lines, sourceLines);
  }

  LoadedFile walk(Consumer<LoadedGroup> onGroup) {
    List<LoadedGroup> groups = new ArrayList<>();
    List<Node> docs = documents();
    if (docs == null) {
      return result(groups);
    }
    if (docs.stream().allMatch(NodeReport::isNull)
        || (docs.size() > 1 && docs.stream().allMatch(RuleFileWalker::quietlyEmpty))) {
      report.warn(
          new SourcePosition(file, 1, 1),
          Codes.EMPTY_FILE,
          Scope.FILE,
          "rule file is empty: no groups");
      return result(groups);
    }
    // Group names are unique in the file, across its documents (as vmalert checks them).
    Map<String, SourcePosition> names = new LinkedHashMap<>();
    for (Node root : docs) {
      if (docs.size() == 1 || !quietlyEmpty(root)) {
        document(root, names, groups, onGroup);
      }
    }
    return result(groups);
  }

  /**
   * The documents read: every one for vmalert (since v1.104 it reads them all, and refuses the file
   * when one is invalid YAML), the first for Prometheus (promtool reads no further: a later
   * document is a warning); null when the file is not YAML at all (an error reported).
   */
  private List<Node> documents() {
    boolean all = dialect == Dialect.METRICSQL;
    try {
      List<Node> docs = YamlDocuments.documents(file, text, all ? Integer.MAX_VALUE : 2);
      if (!all && docs.size() > 1) {
        report.warn(
            report.pos(docs.get(1)),
            Codes.YAML,
            Scope.FILE,
            "only the first YAML document of a rule file is read (as promtool does; vmalert reads"
                + " them all)");
        return docs.subList(0, 1);
      }
      return docs;
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      SourcePosition p =
          mark == null
              ? new SourcePosition(file, 1, 1)
              : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      // promtool reads the first document only: an error in a later one is a warning.
      int end = all || mark == null ? -1 : YamlDocuments.firstDocumentEnd(text, mark.getIndex());
      Node first = end < 0 ? null : YamlDocuments.firstDocument(text.substring(0, end));
      if (first == null) {
        report.error(p, Codes.YAML, Scope.FILE, "invalid YAML: " + problem + context);
        return null;
      }
      report.warn(
          p,
          Codes.YAML,
          Scope.FILE,
          "only the first YAML document of a rule file is read (as promtool does), and a later"
              + " one is invalid YAML: "
              + problem
              + context);
      return List.of(first);
    } catch (YamlEngineException e) {
      report.error(
          new SourcePosition(file, 1, 1),
          Codes.YAML,
          Scope.FILE,
          "invalid YAML: " + e.getMessage());
      return null;
    }
  }

  /**
   * An empty document among several ({@code ---} alone, {@code {}}, {@code groups:} with nothing),
   * which concatenated rule files hold: no finding of its own.
   */
  private static boolean quietlyEmpty(Node root) {
    if (NodeReport.isNull(root)) {
      return true;
    }
    if (!(root instanceof MappingNode m)) {
      return false;
    }
    List<NodeTuple> entries = m.getValue();
    return entries.isEmpty()
        || (entries.size() == 1
            && entries.get(0).getKeyNode() instanceof ScalarNode k
            && k.getValue().equals("groups")
            && NodeReport.isNull(entries.get(0).getValueNode()));
  }

  /** One document's groups, each reported to {@code onGroup} and added to {@code groups}. */
  private void document(
      Node root,
      Map<String, SourcePosition> names,
      List<LoadedGroup> groups,
      Consumer<LoadedGroup> onGroup) {
    if (NodeReport.isNull(root)) {
      return; // the file's only document, reported as an empty file
    }
    if (isTestFile(root)) {
      // rules/tests/ beside the rule files: a directory argument finds them too
      report.warn(
          report.pos(root),
          Codes.TEST_FILE,
          Scope.FILE,
          "a rules test file (rule_files, tests), not a rule file: run it with `rules test`");
      return;
    }
    Map<String, Node> top = reader.mapping(root, "the rule file", Keys.FILE, Scope.FILE);
    if (top == null) {
      return;
    }
    Node groupsNode = top.get("groups");
    if (((MappingNode) root).getValue().isEmpty()) {
      // "{}", what jsonnet mixins write for "no rules": promtool and vmalert load it as empty.
      report.warn(
          report.pos(root),
          Codes.EMPTY_FILE,
          Scope.FILE,
          "rule file is an empty mapping: no groups");
      return;
    }
    if (groupsNode == null) {
      report.error(
          report.pos(root), Codes.MISSING_KEY, Scope.FILE, "missing required key \"groups\"");
      return;
    }
    if (NodeReport.isNull(groupsNode)) {
      report.warn(report.pos(groupsNode), Codes.EMPTY_FILE, Scope.FILE, "\"groups\" is empty");
      return;
    }
    if (!(groupsNode instanceof SequenceNode seq)) {
      report.typeError(groupsNode, "groups", "a list of groups", Scope.FILE);
      return;
    }
    for (Node g : seq.getValue()) {
      LoadedGroup group = group(g);
      if (group == null) {
        continue;
      }
      SourcePosition previous = names.putIfAbsent(group.spec().name(), group.spec().position());
      if (previous != null && !group.spec().name().isEmpty()) {
        report.error(
            group.spec().position(),
            Codes.DUPLICATE_GROUP,
            Scope.group(group.spec().name()),
            "duplicate group name \""
                + group.spec().name()
                + "\" (first defined at line "
                + previous.line()
                + ")");
      }
      groups.add(group);
      onGroup.accept(group);
    }
  }

  private LoadedFile result(List<LoadedGroup> groups) {
    return new LoadedFile(file, groups, findings, sourceLines);
  }

  private LoadedGroup group(Node node) {
    Map<String, Node> m = reader.mapping(node, "a group", Keys.GROUP, Scope.FILE);
    if (m == null) {
      return null;
    }
    String name = reader.string(m.get("name"), "name", Scope.FILE);
    SourcePosition position = report.pos(node);
    if (name == null || name.isBlank()) {
      report.error(
          m.containsKey("name") ? report.pos(m.get("name")) : position,
          Codes.MISSING_KEY,
          Scope.FILE,
          "group name must not be empty");
      name = name == null ? "" : name;
    }
    String g = name;
    Scope gs = Scope.group(g);
    Duration interval = reader.duration(m.get("interval"), "interval", gs, false);
    Duration evalOffset = reader.duration(m.get("eval_offset"), "eval_offset", gs, false);
    Duration queryOffset = reader.duration(m.get("query_offset"), "query_offset", gs, false);
    Duration evalDelay = reader.duration(m.get("eval_delay"), "eval_delay", gs, false);
    if (queryOffset != null && evalDelay != null) {
      report.warn(
          report.pos(m.get("eval_delay")),
          Codes.CONFLICT,
          gs,
          "both query_offset and eval_delay are set; query_offset is used");
    }
    if (interval != null && interval.isZero()) {
      // Prometheus and vmalert read 0 as "not set": the default evaluation interval.
      report.warn(
          report.pos(m.get("interval")),
          Codes.DURATION,
          gs,
          "interval 0 means the default evaluation interval; leave \"interval\" out instead");
      interval = null;
    }
    // vmalert's rules: an offset within the group's own interval (not the default one), and never
    // together with eval_delay.
    if (evalOffset != null && !evalOffset.isZero()) {
      if (interval == null) {
        report.error(
            report.pos(m.get("eval_offset")),
            Codes.DURATION,
            gs,
            "eval_offset needs the group's own interval (vmalert refuses it with the default"
                + " evaluation interval); set \"interval\"");
      } else if (evalOffset.abs().compareTo(interval) > 0) {
        report.error(
            report.pos(m.get("eval_offset")),
            Codes.DURATION,
            gs,
            "eval_offset must not be longer than interval");
      }
      if (evalDelay != null) {
        report.error(
            report.pos(m.get("eval_offset")),
            Codes.CONFLICT,
            gs,
            "eval_offset cannot be used with eval_delay");
      }
    }
    int limit = reader.integer(m.get("limit"), "limit", gs);
    int concurrency = reader.integer(m.get("concurrency"), "concurrency", gs);
    String type = reader.string(m.get("type"), "type", gs);
    if (type != null && type.isEmpty()) {
      type = null; // vmalert reads an empty type as the default, prometheus
    }
    if (type != null && !Keys.GROUP_TYPES.contains(type)) {
      report.error(
          report.pos(m.get("type")),
          Codes.BAD_VALUE,
          gs,
          "unknown group type \""
              + type
              + "\"; expected one of "
              + String.join(", ", Keys.GROUP_TYPES));
    }
    Map<String, String> labels = reader.labels(m.get("labels"), "labels", gs, true);
    Map<String, List<String>> params = reader.params(m.get("params"), gs);
    Map<String, String> headers = reader.headers(m.get("headers"), "headers", gs);
    // Sent with this group's notifications, as vmalert does.
    Map<String, String> notifierHeaders =
        reader.headers(m.get("notifier_headers"), "notifier_headers", gs);
    List<LoadedRule> rules = new ArrayList<>();
    Node rulesNode = m.get("rules");
    if (rulesNode == null || NodeReport.isNull(rulesNode)) {
      report.warn(position, Codes.EMPTY_GROUP, gs, "group \"" + g + "\" has no rules");
    } else if (!(rulesNode instanceof SequenceNode seq)) {
      report.typeError(rulesNode, "rules", "a list of rules", gs);
    } else {
      if (seq.getValue().isEmpty()) {
        report.warn(position, Codes.EMPTY_GROUP, gs, "group \"" + g + "\" has no rules");
      }
      for (Node r : seq.getValue()) {
        LoadedRule rule = rule(r, g, labels);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    GroupSpec spec =
        new GroupSpec(
            file,
            name,
            interval,
            Math.max(0, limit),
            concurrency,
            evalOffset,
            queryOffset != null ? queryOffset : evalDelay,
            labels,
            params,
            headers,
            notifierHeaders,
            type,
            rules.stream().map(LoadedRule::spec).toList(),
            position);
    return new LoadedGroup(spec, rules);
  }

  private LoadedRule rule(Node node, String group, Map<String, String> groupLabels) {
    Scope gs = Scope.group(group);
    if (NodeReport.isNull(node) && dialect == Dialect.PROMQL) {
      // A bare "-": Prometheus skips it (vmalert refuses the file, so under MetricsQL it is an
      // error).
      report.warn(
          report.pos(node),
          Codes.BAD_TYPE,
          gs,
          "empty rule item (a bare \"-\"): Prometheus skips it,"
              + " vmalert refuses the file; remove it");
      return null;
    }
    // The rule's name, read first, so that findings about its keys name the rule too.
    String named = "";
    if (node instanceof MappingNode raw) {
      for (NodeTuple t : raw.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k
            && (k.getValue().equals("alert") || k.getValue().equals("record"))
            && t.getValueNode() instanceof ScalarNode v) {
          named = v.getValue();
          break;
        }
      }
    }
    Map<String, Node> m = reader.mapping(node, "a rule", Keys.RULE, gs.rule(named));
    if (m == null) {
      return null;
    }
    SourcePosition position = report.pos(node);
    String record = reader.string(m.get("record"), "record", gs);
    String alert = reader.string(m.get("alert"), "alert", gs);
    String name = alert != null ? alert : record != null ? record : "";
    Scope rs = gs.rule(name);
    if (record != null && alert != null) {
      report.error(
          report.pos(m.get("alert")),
          Codes.RULE_KIND,
          rs,
          "a rule has either \"record\" or \"alert\", not both");
    } else if (record == null && alert == null) {
      report.error(position, Codes.RULE_KIND, gs, "a rule needs \"record\" or \"alert\"");
    }
    if (record != null && record.isEmpty()) {
      report.error(
          report.pos(m.get("record")), Codes.BAD_NAME, rs, "recording rule name must not be empty");
    } else if (record != null && !Names.isMetricName(record)) {
      // Prometheus' syntax in both dialects: VictoriaMetrics would store the name, but PromQL
      // selects it only as {__name__="..."}.
      report.error(
          report.pos(m.get("record")),
          Codes.BAD_NAME,
          rs,
          "invalid recording rule name \""
              + record
              + "\"; expected a metric name [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    if (alert != null && alert.isBlank()) {
      report.error(report.pos(m.get("alert")), Codes.BAD_NAME, rs, "alert name must not be empty");
    }
    Node exprNode = m.get("expr");
    String expr = exprNode == null ? null : reader.scalarText(exprNode, "expr", rs);
    if (expr != null && dialect == Dialect.METRICSQL && NodeReport.isNull(exprNode)) {
      expr = ""; // vmalert reads YAML null as empty; Prometheus reads it as the metric "null"
    }
    TextPositions exprPositions = TextPositions.fixed(position);
    if (exprNode == null) {
      report.error(position, Codes.MISSING_KEY, rs, "missing required key \"expr\"");
    } else if (expr != null && expr.isBlank()) {
      report.error(report.pos(exprNode), Codes.MISSING_KEY, rs, "\"expr\" must not be empty");
    } else if (expr != null) {
      exprPositions = report.positions(exprNode, expr);
    }
    if (record != null) {
      for (String key : List.of("for", "keep_firing_for", "annotations")) {
        if (m.containsKey(key)) {
          report.error(
              report.keyPos(node, key),
              Codes.RECORDING_FIELD,
              rs,
              "\""
                  + key
                  + "\" is only allowed on alerting rules, not on recording rule \""
                  + record
                  + "\"");
        }
      }
    }
    Duration forDuration = reader.duration(m.get("for"), "for", rs, true);
    Duration keepFiringFor = reader.duration(m.get("keep_firing_for"), "keep_firing_for", rs, true);
    Map<String, TextPositions> labelPositions = new LinkedHashMap<>();
    Map<String, String> labels = reader.labels(m.get("labels"), "labels", rs, true, labelPositions);
    Map<String, TextPositions> annotationPositions = new LinkedHashMap<>();
    Map<String, String> annotations =
        reader.labels(m.get("annotations"), "annotations", rs, false, annotationPositions);
    if (dialect == Dialect.PROMQL) { // Prometheus holds annotation names to the label name syntax
      for (String key : annotations.keySet()) {
        if (!Names.isLabelName(key)) {
          report.error(
              report.keyPos(m.get("annotations"), key),
              Codes.BAD_LABEL,
              rs,
              "invalid annotation name \"" + key + "\"; expected [a-zA-Z_][a-zA-Z0-9_]*");
        }
      }
    }
    reader.integer(m.get("update_entries_limit"), "update_entries_limit", rs);
    RuleSpec spec =
        alert != null
            ? new AlertingRuleSpec(
                name,
                expr == null ? "" : expr,
                forDuration,
                keepFiringFor,
                labels,
                annotations,
                position)
            : new RecordingRuleSpec(name, expr == null ? "" : expr, labels, position);
    return new LoadedRule(
        spec, exprPositions, labelPositions, annotationPositions, disableComments.codes(node));
  }

  /** A top-level mapping with {@code rule_files} and {@code tests} and no {@code groups}. */
  private static boolean isTestFile(Node root) {
    if (!(root instanceof MappingNode m)) {
      return false;
    }
    boolean ruleFiles = false;
    boolean tests = false;
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        switch (k.getValue()) {
          case "groups" -> {
            return false;
          }
          case "rule_files" -> ruleFiles = true;
          case "tests" -> tests = true;
          default -> {}
        }
      }
    }
    return ruleFiles && tests;
  }
}
