package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.Names;
import io.vmrules.rules.model.TextPositions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed values out of YAML nodes (mappings with merge keys, strings, integers, durations, labels,
 * params, headers), each problem reported with its position instead of thrown.
 */
final class NodeReader {
  private final Dialect dialect;
  private final NodeReport report;

  NodeReader(Dialect dialect, NodeReport report) {
    this.dialect = dialect;
    this.report = report;
  }

  /** Reads a mapping, reporting duplicate and unknown keys. Null when the node is not a mapping. */
  Map<String, Node> mapping(Node node, String what, Keys.Schema schema, Scope scope) {
    if (!(node instanceof MappingNode mapping)) {
      report.error(
          report.pos(node),
          Codes.BAD_TYPE,
          scope,
          "expected " + what + " (a mapping), got " + NodeReport.kind(node));
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : tuples(mapping)) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode k)) {
        report.error(
            report.pos(keyNode), Codes.BAD_TYPE, scope, "keys must be plain strings in " + what);
        continue;
      }
      String key = k.getValue();
      if (out.containsKey(key)) {
        report.error(
            report.pos(keyNode),
            Codes.DUPLICATE_KEY,
            scope,
            "duplicate key \""
                + key
                + "\" in "
                + what
                + " (first at line "
                + report.pos(report.findKey(mapping, key)).line()
                + ")");
        continue;
      }
      Optional<String> problem = schema.check(key, dialect, what);
      if (problem.isPresent()) {
        report.error(report.pos(keyNode), Codes.UNKNOWN_KEY, scope, problem.get());
        continue;
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  /**
   * A mapping's entries with YAML merge keys ({@code <<: *anchor}, or a list of anchors) expanded
   * in place, as promtool's and vmalert's YAML library reads them: the merged mapping's entries
   * come first and an explicit key of this mapping wins over a merged one.
   */
  private List<NodeTuple> tuples(MappingNode mapping) {
    boolean merges = false;
    for (NodeTuple t : mapping.getValue()) {
      merges |= isMergeKey(t.getKeyNode());
    }
    if (!merges) {
      return mapping.getValue();
    }
    java.util.Set<String> explicit = new java.util.HashSet<>();
    for (NodeTuple t : mapping.getValue()) {
      if (!isMergeKey(t.getKeyNode()) && t.getKeyNode() instanceof ScalarNode k) {
        explicit.add(k.getValue());
      }
    }
    List<NodeTuple> out = new ArrayList<>();
    java.util.Set<String> merged = new java.util.HashSet<>();
    for (NodeTuple t : mapping.getValue()) {
      if (!isMergeKey(t.getKeyNode())) {
        out.add(t);
        continue;
      }
      List<Node> sources =
          t.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(t.getValueNode());
      for (Node source : sources) {
        if (!(source instanceof MappingNode from)) {
          report.error(
              report.pos(source),
              Codes.BAD_TYPE,
              Scope.FILE,
              "a merge key (<<) takes a mapping or a list of mappings");
          continue;
        }
        for (NodeTuple inherited : tuples(from)) {
          if (inherited.getKeyNode() instanceof ScalarNode k
              && !explicit.contains(k.getValue())
              && merged.add(k.getValue())) {
            out.add(inherited);
          }
        }
      }
    }
    return out;
  }

  private static boolean isMergeKey(Node key) {
    return key instanceof ScalarNode k && k.getValue().equals("<<") && k.isPlain();
  }

  String string(Node node, String key, Scope scope) {
    if (node == null || NodeReport.isNull(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode s)) {
      report.typeError(node, key, "a string", scope);
      return null;
    }
    if (!s.getTag().equals(Tag.STR)) { // both tools take the scalar's text
      report.warn(
          report.pos(node),
          Codes.BAD_TYPE,
          scope,
          "\""
              + key
              + "\" is a YAML "
              + NodeReport.tagName(s.getTag())
              + " ("
              + s.getValue()
              + "), not a string; quote it");
    }
    return s.getValue();
  }

  /** A scalar's text, whatever its YAML type (expressions like "1" or "up == 0" alike). */
  String scalarText(Node node, String key, Scope scope) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    report.typeError(node, key, "a string", scope);
    return null;
  }

  int integer(Node node, String key, Scope scope) {
    if (node == null || NodeReport.isNull(node)) {
      return 0;
    }
    if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
      report.typeError(node, key, "an integer", scope);
      return 0;
    }
    try {
      int v = Integer.parseInt(s.getValue().replace("_", "").replace("+", ""));
      if (v < 0) {
        report.error(
            report.pos(node),
            Codes.BAD_VALUE,
            scope,
            "\"" + key + "\" must not be negative, got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      report.error(
          report.pos(node),
          Codes.BAD_VALUE,
          scope,
          "\"" + key + "\" is out of range: " + s.getValue());
      return 0;
    }
  }

  Duration duration(Node node, String key, Scope scope, boolean nonNegative) {
    if (node == null || NodeReport.isNull(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode s)) {
      report.typeError(node, key, "a duration such as 5m", scope);
      return null;
    }
    Optional<Duration> parsed = Durations.parse(s.getValue(), dialect);
    if (parsed.isEmpty()) {
      report.error(
          report.pos(node),
          Codes.DURATION,
          scope,
          "invalid duration \""
              + s.getValue()
              + "\" for \""
              + key
              + "\"; expected e.g. 30s, 5m, 1h30m"
              + (dialect == Dialect.PROMQL ? " (units ms, s, m, h, d, w, y; integers only)" : ""));
      return null;
    }
    if (nonNegative && parsed.get().isNegative()) {
      report.error(report.pos(node), Codes.DURATION, scope, "\"" + key + "\" must not be negative");
      return null;
    }
    return parsed.get();
  }

  Map<String, String> labels(Node node, String key, Scope scope, boolean checkNames) {
    return labels(node, key, scope, checkNames, new LinkedHashMap<>());
  }

  Map<String, String> labels(
      Node node,
      String key,
      Scope scope,
      boolean checkNames,
      Map<String, TextPositions> positions) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || NodeReport.isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode m)) {
      report.typeError(node, key, "a mapping of names to strings", scope);
      return out;
    }
    for (NodeTuple t : tuples(m)) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        report.error(
            report.pos(t.getKeyNode()),
            Codes.BAD_TYPE,
            scope,
            "names in \"" + key + "\" must be strings");
        continue;
      }
      String name = k.getValue();
      if (out.containsKey(name)) {
        report.error(
            report.pos(k), Codes.DUPLICATE_KEY, scope, "duplicate key \"" + name + "\" in " + key);
        continue;
      }
      // Prometheus' label syntax in both dialects, though vmalert would take any name.
      if (checkNames && !Names.isLabelName(name)) {
        report.error(
            report.pos(k),
            Codes.BAD_LABEL,
            scope,
            "invalid label name \"" + name + "\"; expected [a-zA-Z_][a-zA-Z0-9_]*");
      } else if (checkNames && name.startsWith("__")) {
        report.error(
            report.pos(k),
            Codes.RESERVED_LABEL,
            scope,
            "label names starting with \"__\" are reserved for internal use: \"" + name + "\"");
      } else if (checkNames
          && Keys.RESERVED_RULE_LABELS.contains(name)
          && !scope.rule().isEmpty()) {
        report.warn(
            report.pos(k),
            Codes.RESERVED_LABEL,
            scope,
            "label \"" + name + "\" is set by the engine and will be overwritten");
      }
      Node v = t.getValueNode();
      if (!(v instanceof ScalarNode s)) {
        report.typeError(v, key + "." + name, "a string", scope);
        continue;
      }
      if (NodeReport.isNull(s)) {
        out.put(name, "");
        continue;
      }
      if (!s.getTag().equals(Tag.STR)) {
        // Both tools take the scalar's text; a warning, since YAML may read it otherwise (010).
        report.warn(
            report.pos(s),
            Codes.BAD_TYPE,
            scope,
            "value of \""
                + key
                + "."
                + name
                + "\" is a YAML "
                + NodeReport.tagName(s.getTag())
                + ", not a string; quote it");
      }
      out.put(name, s.getValue());
      positions.put(name, report.positions(s, s.getValue()));
    }
    return out;
  }

  Map<String, List<String>> params(Node node, Scope scope) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (node == null || NodeReport.isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode m)) {
      report.typeError(node, "params", "a mapping of names to lists of strings", scope);
      return out;
    }
    for (NodeTuple t : tuples(m)) {
      String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
      Node v = t.getValueNode();
      if (v instanceof SequenceNode seq) {
        List<String> values = new ArrayList<>();
        for (Node item : seq.getValue()) {
          if (item instanceof ScalarNode s) {
            values.add(s.getValue());
          } else {
            report.typeError(item, "params." + name, "a string", scope);
          }
        }
        out.put(name, values);
      } else {
        report.typeError(v, "params." + name, "a list of strings, e.g. [\"value\"]", scope);
      }
    }
    return out;
  }

  Map<String, String> headers(Node node, String key, Scope scope) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || NodeReport.isNull(node)) {
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      report.typeError(node, key, "a list of \"Name: value\" strings", scope);
      return out;
    }
    for (Node item : seq.getValue()) {
      String h = item instanceof ScalarNode s ? s.getValue() : null;
      int colon = h == null ? -1 : h.indexOf(':');
      if (colon <= 0) {
        report.error(
            report.pos(item),
            Codes.BAD_VALUE,
            scope,
            "header in \"" + key + "\" must look like \"Name: value\"");
        continue;
      }
      out.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    return out;
  }
}
