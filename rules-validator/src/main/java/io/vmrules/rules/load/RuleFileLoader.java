package io.vmrules.rules.load;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.Excerpt;
import io.vmrules.promql.LineMap;
import io.vmrules.promql.Names;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.model.SourceLines;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.model.TextPositions;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Reads a Prometheus/vmalert rule file by walking the YAML node tree, so every structural problem
 * gets a line and column, and every problem of the file is reported, not just the first. The groups
 * and rules that could be read are returned alongside, for the expression and template checks.
 */
public final class RuleFileLoader {
  private static final Pattern DISABLE_COMMENT =
      Pattern.compile("#\\s*rules:\\s*disable\\s+([\\w.,\\s-]+)");

  /** First characters of YAML's implicitly typed scalars, in any schema (1.1 words included). */
  private static final String MAY_BE_TYPED = "0123456789+-.$~<=!tTfFnNyYoO";

  /** The default schema, with a shortcut for the plain scalars that can only be strings. */
  private static final Schema SCHEMA = stringShortcut(LoadSettings.builder().build().getSchema());

  private final Dialect dialect;

  public RuleFileLoader(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Loads {@code bytes} read from the file shown as {@code file}. */
  public LoadedFile load(String file, byte[] bytes) {
    return load(file, bytes, group -> {});
  }

  /** Loads a file, handing each group to {@code onGroup} as soon as it is read (in file order). */
  public LoadedFile load(String file, byte[] bytes, Consumer<LoadedGroup> onGroup) {
    List<Finding> findings = new ArrayList<>();
    String text;
    try {
      text = utf16(bytes);
      if (text == null) {
        text = decode(bytes);
      }
    } catch (MalformedInputException e) {
      int offset = firstBadByte(bytes);
      String prefix = new String(bytes, 0, offset, StandardCharsets.UTF_8);
      LineMap lines = new LineMap(prefix);
      findings.add(
          new Finding(
              file,
              lines.line(prefix.length()),
              lines.column(prefix.length()),
              Level.ERROR,
              Codes.ENCODING,
              "",
              "",
              "file is not valid UTF-8 (bad byte 0x"
                  + String.format("%02x", bytes[offset] & 0xff)
                  + " at byte offset "
                  + offset
                  + ")"));
      return new LoadedFile(file, List.of(), findings, List.of());
    } catch (CharacterCodingException e) {
      findings.add(
          new Finding(file, 1, 1, Level.ERROR, Codes.ENCODING, "", "", "file is not valid UTF-8"));
      return new LoadedFile(file, List.of(), findings, List.of());
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    text = trailingTabsToSpaces(text);
    return new FileWalker(file, text, findings).walk(onGroup);
  }

  /**
   * The schema's resolver tries a regex per plain scalar (null, bool, int, float, ${ENV}). A scalar
   * that starts with none of the characters those forms can start with is a string, and most values
   * of a rule file (names, expressions, templates) are such: answer them directly.
   */
  private static Schema stringShortcut(Schema base) {
    ScalarResolver resolver = base.getScalarResolver();
    // Short plain scalars repeat (keys, severities, durations): their tags are remembered.
    Map<String, Tag> known = new ConcurrentHashMap<>();
    ScalarResolver fast =
        (value, implicit) -> {
          if (!implicit) {
            return Tag.STR;
          }
          if (!value.isEmpty() && MAY_BE_TYPED.indexOf(value.charAt(0)) < 0) {
            return Tag.STR;
          }
          if (value.length() > 16) {
            return resolver.resolve(value, true);
          }
          Tag tag = known.get(value);
          if (tag == null) {
            tag = resolver.resolve(value, true);
            if (known.size() < 4096) {
              known.put(value, tag);
            }
          }
          return tag;
        };
    return new Schema() {
      @Override
      public ScalarResolver getScalarResolver() {
        return fast;
      }

      @Override
      public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return base.getSchemaTagConstructors();
      }
    };
  }

  /**
   * The fast path can be switched off ({@code -Dvmrules.blockYaml=false}, e.g. in {@code
   * RULES_JAVA_OPTS}), so that a suspected bug in it can be told apart from one elsewhere in one
   * run.
   */
  static final boolean BLOCK_YAML = !"false".equals(System.getProperty("vmrules.blockYaml"));

  /**
   * The YAML documents of a file, the first two at most: read by {@link BlockYaml} when the file
   * keeps to the block style rule files are written in, else by snakeyaml, which throws {@link
   * YamlEngineException} for invalid YAML.
   */
  static List<Node> documents(String file, String text) {
    List<Node> docs = BLOCK_YAML ? BlockYaml.read(file, text, scalarResolver()) : null;
    return docs != null ? docs : snakeyamlDocuments(file, text);
  }

  /** How plain scalars get their tags (string, int, bool...), for both readers. */
  static ScalarResolver scalarResolver() {
    return SCHEMA.getScalarResolver();
  }

  /** Where the first document ends (the start of a "---" line before {@code before}), or -1. */
  static int firstDocumentEnd(String text, int before) {
    int at = text.indexOf("\n---");
    while (at >= 0 && at < before) {
      int after = at + 4;
      if (after >= text.length() || Character.isWhitespace(text.charAt(after))) {
        return at + 1;
      }
      at = text.indexOf("\n---", after);
    }
    return -1;
  }

  /** The one document of {@code text}, or null when it is not valid YAML either. */
  private static Node firstDocument(String text) {
    try {
      List<Node> docs = snakeyamlDocuments("", text);
      return docs.isEmpty() ? null : docs.get(0);
    } catch (YamlEngineException e) {
      return null;
    }
  }

  /** The first two documents as snakeyaml reads them. */
  static List<Node> snakeyamlDocuments(String file, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(100)
            .setCodePointLimit(Integer.MAX_VALUE)
            .setSchema(SCHEMA)
            .build();
    Iterator<Node> it = new Compose(settings).composeAllFromString(text).iterator();
    List<Node> docs = new ArrayList<>(2);
    while (docs.size() < 2 && it.hasNext()) {
      docs.add(it.next());
    }
    return docs;
  }

  /**
   * A file that starts with a UTF-16 byte order mark, decoded (promtool reads such files); else
   * null.
   */
  private static String utf16(byte[] bytes) {
    if (bytes.length >= 2
        && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
            || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe)) {
      return new String(bytes, StandardCharsets.UTF_16); // reads and drops the mark
    }
    return null;
  }

  /**
   * Tabs after the last character of a line become spaces: Go's YAML library takes them ({@code
   * labels:<TAB>}), snakeyaml refuses them. Same length, so every position stays.
   */
  static String trailingTabsToSpaces(String text) {
    int tab = text.indexOf('\t');
    if (tab < 0) {
      return text;
    }
    char[] cs = text.toCharArray();
    for (int i = tab; i < cs.length; i++) {
      if (cs[i] != '\t') {
        continue;
      }
      int j = i;
      while (j < cs.length && (cs[j] == '\t' || cs[j] == ' ')) {
        j++;
      }
      if (j == cs.length || cs[j] == '\n' || cs[j] == '\r') {
        for (int k = i; k < j; k++) {
          cs[k] = ' ';
        }
      }
      i = j - 1;
    }
    return new String(cs);
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    // Fast path: the lenient decoder (vectorised for ASCII) only writes U+FFFD for bad input, so a
    // result without one is the strict result; a file with U+FFFD takes the strict path.
    String lenient = new String(bytes, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Offset of the first byte of the first malformed sequence (where a strict decoder stops). */
  private static int firstBadByte(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    strictDecoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
    return Math.min(in.position(), bytes.length - 1);
  }

  /** Walks one file's nodes; holds the file-wide context so the methods stay short. */
  private final class FileWalker {
    private final String file;
    private final String text;
    private final LineMap lines;
    private final List<Finding> findings;
    private final SourceLines sourceLines;
    private int[] hashes;

    FileWalker(String file, String text, List<Finding> findings) {
      this.file = file;
      this.text = text;
      this.lines = new LineMap(text);
      this.findings = findings;
      this.sourceLines = new SourceLines(text, lines);
    }

    LoadedFile walk(Consumer<LoadedGroup> onGroup) {
      List<LoadedGroup> groups = new ArrayList<>();
      Node root;
      try {
        List<Node> docs = documents(file, text);
        root = docs.isEmpty() ? null : docs.get(0);
        if (docs.size() > 1) {
          warn(
              pos(docs.get(1)),
              Codes.YAML,
              "",
              "",
              "only the first YAML document of a rule file is read");
        }
      } catch (MarkedYamlEngineException e) {
        Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
        SourcePosition p =
            mark == null
                ? new SourcePosition(file, 1, 1)
                : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        // promtool and vmalert read the first document only: an error in a later one is a warning.
        int end = mark == null ? -1 : firstDocumentEnd(text, mark.getIndex());
        Node first = end < 0 ? null : firstDocument(text.substring(0, end));
        if (first == null) {
          error(p, Codes.YAML, "", "", "invalid YAML: " + problem + context);
          return result(groups);
        }
        warn(
            p,
            Codes.YAML,
            "",
            "",
            "only the first YAML document of a rule file is read (as promtool and"
                + " vmalert do), and a later one is invalid YAML: "
                + problem
                + context);
        root = first;
      } catch (YamlEngineException e) {
        error(
            new SourcePosition(file, 1, 1), Codes.YAML, "", "", "invalid YAML: " + e.getMessage());
        return result(groups);
      }
      if (root == null || isNull(root)) {
        warn(
            new SourcePosition(file, 1, 1),
            Codes.EMPTY_FILE,
            "",
            "",
            "rule file is empty: no groups");
        return result(groups);
      }
      if (isTestFile(root)) {
        // rules/tests/ beside the rule files: a directory argument finds them too
        warn(
            pos(root),
            Codes.TEST_FILE,
            "",
            "",
            "a rules test file (rule_files, tests), not a rule file: run it with `rules test`");
        return result(groups);
      }
      Map<String, Node> top = mapping(root, "the rule file", Keys.FILE, "", "");
      if (top == null) {
        return result(groups);
      }
      Node groupsNode = top.get("groups");
      if (((MappingNode) root).getValue().isEmpty()) {
        // "{}", what jsonnet mixins write for "no rules": promtool and vmalert load it as empty.
        warn(pos(root), Codes.EMPTY_FILE, "", "", "rule file is an empty mapping: no groups");
        return result(groups);
      }
      if (groupsNode == null) {
        error(pos(root), Codes.MISSING_KEY, "", "", "missing required key \"groups\"");
        return result(groups);
      }
      if (isNull(groupsNode)) {
        warn(pos(groupsNode), Codes.EMPTY_FILE, "", "", "\"groups\" is empty");
        return result(groups);
      }
      if (!(groupsNode instanceof SequenceNode seq)) {
        typeError(groupsNode, "groups", "a list of groups", "", "");
        return result(groups);
      }
      Map<String, SourcePosition> names = new LinkedHashMap<>();
      for (Node g : seq.getValue()) {
        LoadedGroup group = group(g);
        if (group == null) {
          continue;
        }
        SourcePosition previous = names.putIfAbsent(group.spec().name(), group.spec().position());
        if (previous != null && !group.spec().name().isEmpty()) {
          error(
              group.spec().position(),
              Codes.DUPLICATE_GROUP,
              group.spec().name(),
              "",
              "duplicate group name \""
                  + group.spec().name()
                  + "\" (first defined at line "
                  + previous.line()
                  + ")");
        }
        groups.add(group);
        onGroup.accept(group);
      }
      return result(groups);
    }

    private LoadedFile result(List<LoadedGroup> groups) {
      return new LoadedFile(file, groups, findings, sourceLines);
    }

    private LoadedGroup group(Node node) {
      Map<String, Node> m = mapping(node, "a group", Keys.GROUP, "", "");
      if (m == null) {
        return null;
      }
      String name = string(m.get("name"), "name", "", "");
      SourcePosition position = pos(node);
      if (name == null || name.isBlank()) {
        error(
            m.containsKey("name") ? pos(m.get("name")) : position,
            Codes.MISSING_KEY,
            "",
            "",
            "group name must not be empty");
        name = name == null ? "" : name;
      }
      String g = name;
      Duration interval = duration(m.get("interval"), "interval", g, "", false);
      Duration evalOffset = duration(m.get("eval_offset"), "eval_offset", g, "", false);
      Duration queryOffset = duration(m.get("query_offset"), "query_offset", g, "", false);
      Duration evalDelay = duration(m.get("eval_delay"), "eval_delay", g, "", false);
      if (queryOffset != null && evalDelay != null) {
        warn(
            pos(m.get("eval_delay")),
            Codes.CONFLICT,
            g,
            "",
            "both query_offset and eval_delay are set; query_offset is used");
      }
      if (interval != null && interval.isZero()) {
        // Prometheus and vmalert read 0 as "not set": the default evaluation interval.
        warn(
            pos(m.get("interval")),
            Codes.DURATION,
            g,
            "",
            "interval 0 means the default evaluation interval; leave \"interval\" out instead");
        interval = null;
      }
      if (evalOffset != null && interval != null && evalOffset.compareTo(interval) >= 0) {
        error(
            pos(m.get("eval_offset")),
            Codes.DURATION,
            g,
            "",
            "eval_offset must be smaller than interval");
      }
      int limit = integer(m.get("limit"), "limit", g, "");
      int concurrency = integer(m.get("concurrency"), "concurrency", g, "");
      String type = string(m.get("type"), "type", g, "");
      if (type != null && type.isEmpty()) {
        type = null; // vmalert reads an empty type as the default, prometheus
      }
      if (type != null && !Keys.GROUP_TYPES.contains(type)) {
        error(
            pos(m.get("type")),
            Codes.BAD_VALUE,
            g,
            "",
            "unknown group type \""
                + type
                + "\"; expected one of "
                + String.join(", ", Keys.GROUP_TYPES));
      }
      Map<String, String> labels = labels(m.get("labels"), "labels", g, "", true);
      Map<String, List<String>> params = params(m.get("params"), g);
      Map<String, String> headers = headers(m.get("headers"), "headers", g);
      if (!headers(m.get("notifier_headers"), "notifier_headers", g).isEmpty()) {
        // vmalert sends them with this group's notifications; rules run does not yet, so say so.
        warn(
            keyPos(node, "notifier_headers"),
            Codes.BAD_VALUE,
            g,
            "",
            "notifier_headers are not sent by rules run (vmalert sends them with this group's"
                + " notifications); set headers for every notification with --notifier.headers");
      }
      List<LoadedRule> rules = new ArrayList<>();
      Node rulesNode = m.get("rules");
      if (rulesNode == null || isNull(rulesNode)) {
        warn(position, Codes.EMPTY_GROUP, g, "", "group \"" + g + "\" has no rules");
      } else if (!(rulesNode instanceof SequenceNode seq)) {
        typeError(rulesNode, "rules", "a list of rules", g, "");
      } else {
        if (seq.getValue().isEmpty()) {
          warn(position, Codes.EMPTY_GROUP, g, "", "group \"" + g + "\" has no rules");
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
              type,
              rules.stream().map(LoadedRule::spec).toList(),
              position);
      return new LoadedGroup(spec, rules);
    }

    private LoadedRule rule(Node node, String group, Map<String, String> groupLabels) {
      if (isNull(node) && dialect == Dialect.PROMQL) {
        // A bare "-": Prometheus skips it (vmalert refuses the file, so under MetricsQL it is an
        // error).
        warn(
            pos(node),
            Codes.BAD_TYPE,
            group,
            "",
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
      Map<String, Node> m = mapping(node, "a rule", Keys.RULE, group, named);
      if (m == null) {
        return null;
      }
      SourcePosition position = pos(node);
      String record = string(m.get("record"), "record", group, "");
      String alert = string(m.get("alert"), "alert", group, "");
      String name = alert != null ? alert : record != null ? record : "";
      if (record != null && alert != null) {
        error(
            pos(m.get("alert")),
            Codes.RULE_KIND,
            group,
            name,
            "a rule has either \"record\" or \"alert\", not both");
      } else if (record == null && alert == null) {
        error(position, Codes.RULE_KIND, group, "", "a rule needs \"record\" or \"alert\"");
      }
      if (record != null && record.isEmpty()) {
        error(
            pos(m.get("record")),
            Codes.BAD_NAME,
            group,
            name,
            "recording rule name must not be empty");
      } else if (record != null && !Names.isMetricName(record)) {
        // Prometheus' syntax in both dialects: VictoriaMetrics would store the name, but PromQL
        // selects it only as {__name__="..."}.
        error(
            pos(m.get("record")),
            Codes.BAD_NAME,
            group,
            name,
            "invalid recording rule name \""
                + record
                + "\"; expected a metric name [a-zA-Z_:][a-zA-Z0-9_:]*");
      }
      if (alert != null && alert.isBlank()) {
        error(pos(m.get("alert")), Codes.BAD_NAME, group, name, "alert name must not be empty");
      }
      Node exprNode = m.get("expr");
      String expr = exprNode == null ? null : scalarText(exprNode, "expr", group, name);
      if (expr != null && dialect == Dialect.METRICSQL && isNull(exprNode)) {
        expr = ""; // vmalert reads YAML null as empty; Prometheus reads it as the metric "null"
      }
      TextPositions exprPositions = TextPositions.fixed(position);
      if (exprNode == null) {
        error(position, Codes.MISSING_KEY, group, name, "missing required key \"expr\"");
      } else if (expr != null && expr.isBlank()) {
        error(pos(exprNode), Codes.MISSING_KEY, group, name, "\"expr\" must not be empty");
      } else if (expr != null) {
        exprPositions = positions(exprNode, expr);
      }
      if (record != null) {
        for (String key : List.of("for", "keep_firing_for", "annotations")) {
          if (m.containsKey(key)) {
            error(
                keyPos(node, key),
                Codes.RECORDING_FIELD,
                group,
                name,
                "\""
                    + key
                    + "\" is only allowed on alerting rules, not on recording rule \""
                    + record
                    + "\"");
          }
        }
      }
      Duration forDuration = duration(m.get("for"), "for", group, name, true);
      Duration keepFiringFor =
          duration(m.get("keep_firing_for"), "keep_firing_for", group, name, true);
      Map<String, TextPositions> labelPositions = new LinkedHashMap<>();
      Map<String, String> labels =
          labels(m.get("labels"), "labels", group, name, true, labelPositions);
      Map<String, TextPositions> annotationPositions = new LinkedHashMap<>();
      Map<String, String> annotations =
          labels(m.get("annotations"), "annotations", group, name, false, annotationPositions);
      if (dialect == Dialect.PROMQL) { // Prometheus holds annotation names to the label name syntax
        for (String key : annotations.keySet()) {
          if (!Names.isLabelName(key)) {
            error(
                keyPos(m.get("annotations"), key),
                Codes.BAD_LABEL,
                group,
                name,
                "invalid annotation name \"" + key + "\"; expected [a-zA-Z_][a-zA-Z0-9_]*");
          }
        }
      }
      integer(m.get("update_entries_limit"), "update_entries_limit", group, name);
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
          spec, exprPositions, labelPositions, annotationPositions, disabledCodes(node));
    }

    /**
     * Lint codes named in {@code # rules: disable CODE} comments inside the rule or just above it.
     */
    private Set<String> disabledCodes(Node node) {
      Set<String> codes = new HashSet<>();
      int first = node.getStartMark().map(Mark::getLine).orElse(0);
      int last = node.getEndMark().map(Mark::getLine).orElse(first);
      int lastLine = lines.lineCount() - 1;
      // A block mapping ends where the next item starts: comments after its last line belong to
      // the next rule ("# rules: disable" above it), not to this one.
      while (last > first && isCommentOrBlank(Math.min(last, lastLine))) {
        last--;
      }
      if (last > first
          && node.getEndMark().map(Mark::getColumn).orElse(1)
              <= node.getStartMark().map(Mark::getColumn).orElse(0)) {
        last--;
        while (last > first && isCommentOrBlank(Math.min(last, lastLine))) {
          last--;
        }
      }
      // Only lines with a '#' can hold the comment: look the rule's lines up in the file's '#'s.
      int from = lines.lineStart(Math.max(0, first - 1) + 1);
      int to = lineEnd(Math.min(last, lastLine));
      int[] hashes = hashes();
      int k = Arrays.binarySearch(hashes, from);
      int skipTo = from;
      for (k = k >= 0 ? k : -k - 1; k < hashes.length && hashes[k] < to; k++) {
        int i = hashes[k];
        if (i < skipTo) {
          continue;
        }
        int line = lines.line(i) - 1;
        Matcher matcher = DISABLE_COMMENT.matcher(sourceLines.get(line));
        if (matcher.find()) {
          for (String code : matcher.group(1).split("[,\\s]+")) {
            if (!code.isBlank()) {
              codes.add(code.trim());
            }
          }
        }
        skipTo = lineEnd(line);
      }
      return codes;
    }

    /**
     * Offsets of every '#' in the file, found once (indexOf is an intrinsic; a loop per rule was
     * not).
     */
    private int[] hashes() {
      if (hashes == null) {
        int[] found = new int[16];
        int n = 0;
        for (int i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
          if (n == found.length) {
            found = Arrays.copyOf(found, n * 2);
          }
          found[n++] = i;
        }
        hashes = Arrays.copyOf(found, n);
      }
      return hashes;
    }

    /** The offset of the end of 0-based line {@code line} (its newline, or the end of the text). */
    private int lineEnd(int line) {
      return line + 2 <= lines.lineCount() ? lines.lineStart(line + 2) - 1 : text.length();
    }

    /** Whether 0-based line {@code line} holds only spaces, or a comment. */
    private boolean isCommentOrBlank(int line) {
      int end = lineEnd(line);
      for (int i = lines.lineStart(line + 1); i < end; i++) {
        char c = text.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r') {
          return c == '#';
        }
      }
      return true;
    }

    // ---- typed readers ----

    /**
     * Reads a mapping, reporting duplicate and unknown keys. Null when the node is not a mapping.
     */
    private Map<String, Node> mapping(
        Node node, String what, Keys.Schema schema, String group, String rule) {
      if (!(node instanceof MappingNode mapping)) {
        error(
            pos(node),
            Codes.BAD_TYPE,
            group,
            rule,
            "expected " + what + " (a mapping), got " + kind(node));
        return null;
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : tuples(mapping)) {
        Node keyNode = t.getKeyNode();
        if (!(keyNode instanceof ScalarNode k)) {
          error(pos(keyNode), Codes.BAD_TYPE, group, rule, "keys must be plain strings in " + what);
          continue;
        }
        String key = k.getValue();
        if (out.containsKey(key)) {
          error(
              pos(keyNode),
              Codes.DUPLICATE_KEY,
              group,
              rule,
              "duplicate key \""
                  + key
                  + "\" in "
                  + what
                  + " (first at line "
                  + pos(findKey(mapping, key)).line()
                  + ")");
          continue;
        }
        Optional<String> problem = schema.check(key, dialect, what);
        if (problem.isPresent()) {
          error(pos(keyNode), Codes.UNKNOWN_KEY, group, rule, problem.get());
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
            t.getValueNode() instanceof SequenceNode seq
                ? seq.getValue()
                : List.of(t.getValueNode());
        for (Node source : sources) {
          if (!(source instanceof MappingNode from)) {
            error(
                pos(source),
                Codes.BAD_TYPE,
                "",
                "",
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

    private boolean isMergeKey(Node key) {
      return key instanceof ScalarNode k && k.getValue().equals("<<") && k.isPlain();
    }

    private Node findKey(MappingNode mapping, String key) {
      for (NodeTuple t : mapping.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getKeyNode();
        }
      }
      return mapping;
    }

    private SourcePosition keyPos(Node mapping, String key) {
      return mapping instanceof MappingNode m ? pos(findKey(m, key)) : pos(mapping);
    }

    private String string(Node node, String key, String group, String rule) {
      if (node == null || isNull(node)) {
        return null;
      }
      if (!(node instanceof ScalarNode s)) {
        typeError(node, key, "a string", group, rule);
        return null;
      }
      if (!s.getTag().equals(Tag.STR)) { // both tools take the scalar's text
        warn(
            pos(node),
            Codes.BAD_TYPE,
            group,
            rule,
            "\""
                + key
                + "\" is a YAML "
                + tagName(s.getTag())
                + " ("
                + s.getValue()
                + "), not a string; quote it");
      }
      return s.getValue();
    }

    /** A scalar's text, whatever its YAML type (expressions like "1" or "up == 0" alike). */
    private String scalarText(Node node, String key, String group, String rule) {
      if (node instanceof ScalarNode s) {
        return s.getValue();
      }
      typeError(node, key, "a string", group, rule);
      return null;
    }

    private int integer(Node node, String key, String group, String rule) {
      if (node == null || isNull(node)) {
        return 0;
      }
      if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
        typeError(node, key, "an integer", group, rule);
        return 0;
      }
      try {
        int v = Integer.parseInt(s.getValue().replace("_", "").replace("+", ""));
        if (v < 0) {
          error(
              pos(node),
              Codes.BAD_VALUE,
              group,
              rule,
              "\"" + key + "\" must not be negative, got " + v);
        }
        return v;
      } catch (NumberFormatException e) {
        error(
            pos(node),
            Codes.BAD_VALUE,
            group,
            rule,
            "\"" + key + "\" is out of range: " + s.getValue());
        return 0;
      }
    }

    private Duration duration(
        Node node, String key, String group, String rule, boolean nonNegative) {
      if (node == null || isNull(node)) {
        return null;
      }
      if (!(node instanceof ScalarNode s)) {
        typeError(node, key, "a duration such as 5m", group, rule);
        return null;
      }
      Optional<Duration> parsed = Durations.parse(s.getValue(), dialect);
      if (parsed.isEmpty()) {
        error(
            pos(node),
            Codes.DURATION,
            group,
            rule,
            "invalid duration \""
                + s.getValue()
                + "\" for \""
                + key
                + "\"; expected e.g. 30s, 5m, 1h30m"
                + (dialect == Dialect.PROMQL
                    ? " (units ms, s, m, h, d, w, y; integers only)"
                    : ""));
        return null;
      }
      if (nonNegative && parsed.get().isNegative()) {
        error(pos(node), Codes.DURATION, group, rule, "\"" + key + "\" must not be negative");
        return null;
      }
      return parsed.get();
    }

    private Map<String, String> labels(
        Node node, String key, String group, String rule, boolean checkNames) {
      return labels(node, key, group, rule, checkNames, new LinkedHashMap<>());
    }

    private Map<String, String> labels(
        Node node,
        String key,
        String group,
        String rule,
        boolean checkNames,
        Map<String, TextPositions> positions) {
      Map<String, String> out = new LinkedHashMap<>();
      if (node == null || isNull(node)) {
        return out;
      }
      if (!(node instanceof MappingNode m)) {
        typeError(node, key, "a mapping of names to strings", group, rule);
        return out;
      }
      for (NodeTuple t : tuples(m)) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          error(
              pos(t.getKeyNode()),
              Codes.BAD_TYPE,
              group,
              rule,
              "names in \"" + key + "\" must be strings");
          continue;
        }
        String name = k.getValue();
        if (out.containsKey(name)) {
          error(
              pos(k), Codes.DUPLICATE_KEY, group, rule, "duplicate key \"" + name + "\" in " + key);
          continue;
        }
        // Prometheus' label syntax in both dialects, though vmalert would take any name.
        if (checkNames && !Names.isLabelName(name)) {
          error(
              pos(k),
              Codes.BAD_LABEL,
              group,
              rule,
              "invalid label name \"" + name + "\"; expected [a-zA-Z_][a-zA-Z0-9_]*");
        } else if (checkNames && name.startsWith("__")) {
          error(
              pos(k),
              Codes.RESERVED_LABEL,
              group,
              rule,
              "label names starting with \"__\" are reserved for internal use: \"" + name + "\"");
        } else if (checkNames && Keys.RESERVED_RULE_LABELS.contains(name) && !rule.isEmpty()) {
          warn(
              pos(k),
              Codes.RESERVED_LABEL,
              group,
              rule,
              "label \"" + name + "\" is set by the engine and will be overwritten");
        }
        Node v = t.getValueNode();
        if (!(v instanceof ScalarNode s)) {
          typeError(v, key + "." + name, "a string", group, rule);
          continue;
        }
        if (isNull(s)) {
          out.put(name, "");
          continue;
        }
        if (!s.getTag().equals(Tag.STR)) {
          // Both tools take the scalar's text; a warning, since YAML may read it otherwise (010).
          warn(
              pos(s),
              Codes.BAD_TYPE,
              group,
              rule,
              "value of \""
                  + key
                  + "."
                  + name
                  + "\" is a YAML "
                  + tagName(s.getTag())
                  + ", not a string; quote it");
        }
        out.put(name, s.getValue());
        positions.put(name, positions(s, s.getValue()));
      }
      return out;
    }

    private Map<String, List<String>> params(Node node, String group) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      if (node == null || isNull(node)) {
        return out;
      }
      if (!(node instanceof MappingNode m)) {
        typeError(node, "params", "a mapping of names to lists of strings", group, "");
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
              typeError(item, "params." + name, "a string", group, "");
            }
          }
          out.put(name, values);
        } else {
          typeError(v, "params." + name, "a list of strings, e.g. [\"value\"]", group, "");
        }
      }
      return out;
    }

    private Map<String, String> headers(Node node, String key, String group) {
      Map<String, String> out = new LinkedHashMap<>();
      if (node == null || isNull(node)) {
        return out;
      }
      if (!(node instanceof SequenceNode seq)) {
        typeError(node, key, "a list of \"Name: value\" strings", group, "");
        return out;
      }
      for (Node item : seq.getValue()) {
        String h = item instanceof ScalarNode s ? s.getValue() : null;
        int colon = h == null ? -1 : h.indexOf(':');
        if (colon <= 0) {
          error(
              pos(item),
              Codes.BAD_VALUE,
              group,
              "",
              "header in \"" + key + "\" must look like \"Name: value\"");
          continue;
        }
        out.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      return out;
    }

    // ---- positions and reporting ----

    private TextPositions positions(Node node, String value) {
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

    private SourcePosition pos(Node node) {
      return node.getStartMark()
          .map(m -> new SourcePosition(file, m.getLine() + 1, m.getColumn() + 1))
          .orElse(new SourcePosition(file, 1, 1));
    }

    private void typeError(Node node, String key, String expected, String group, String rule) {
      error(
          pos(node),
          Codes.BAD_TYPE,
          group,
          rule,
          "\"" + key + "\" must be " + expected + ", got " + kind(node));
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

    private void error(SourcePosition p, String code, String group, String rule, String message) {
      findings.add(Finding.at(p, Level.ERROR, code, group, rule, message));
    }

    private void warn(SourcePosition p, String code, String group, String rule, String message) {
      findings.add(Finding.at(p, Level.WARNING, code, group, rule, message));
    }
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static String kind(Node node) {
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

  private static String tagName(Tag tag) {
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
