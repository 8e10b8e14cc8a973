package io.vmrules.rules.load;

import io.vmrules.promql.Excerpt;
import io.vmrules.promql.LineMap;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.model.TextPositions;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One rule file's findings and the positions they point at: a node's line and column, a mapping
 * key's, and the positions inside a scalar ({@link ScalarPositions}); how a node is described in a
 * message.
 */
final class NodeReport {
  private final String file;
  private final String text;
  private final LineMap lines;
  private final List<Finding> findings;

  NodeReport(String file, String text, LineMap lines, List<Finding> findings) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    this.findings = findings;
  }

  TextPositions positions(Node node, String value) {
    if (!(node instanceof ScalarNode s) || node.getStartMark().isEmpty()) {
      return TextPositions.fixed(pos(node));
    }
    int start = offset(node.getStartMark().get());
    int end = node.getEndMark().map(this::offset).orElse(text.length());
    return ScalarPositions.of(file, text, lines, start, end, value, s.getScalarStyle());
  }

  private int offset(Mark mark) {
    return Math.min(text.length(), lines.lineStart(mark.getLine() + 1) + mark.getColumn());
  }

  SourcePosition pos(Node node) {
    return node.getStartMark()
        .map(m -> new SourcePosition(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(new SourcePosition(file, 1, 1));
  }

  void typeError(Node node, String key, String expected, Scope scope) {
    error(
        pos(node),
        Codes.BAD_TYPE,
        scope,
        "\"" + key + "\" must be " + expected + ", got " + kind(node));
  }

  void error(SourcePosition p, String code, Scope scope, String message) {
    findings.add(Finding.at(p, Level.ERROR, code, scope.group(), scope.rule(), message));
  }

  void warn(SourcePosition p, String code, Scope scope, String message) {
    findings.add(Finding.at(p, Level.WARNING, code, scope.group(), scope.rule(), message));
  }

  Node findKey(MappingNode mapping, String key) {
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getKeyNode();
      }
    }
    return mapping;
  }

  SourcePosition keyPos(Node mapping, String key) {
    return mapping instanceof MappingNode m ? pos(findKey(m, key)) : pos(mapping);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode s) {
      return "a " + tagName(s.getTag()) + " (" + Excerpt.of(s.getValue(), 30) + ")";
    }
    return "something else";
  }

  static String tagName(Tag tag) {
    if (tag.equals(Tag.STR)) {
      return "string";
    }
    if (tag.equals(Tag.INT)) {
      return "integer";
    }
    if (tag.equals(Tag.FLOAT)) {
      return "number";
    }
    if (tag.equals(Tag.BOOL)) {
      return "boolean";
    }
    if (tag.equals(Tag.NULL)) {
      return "null";
    }
    return tag.getValue();
  }
}
