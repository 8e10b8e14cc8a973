package io.vmrules.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.conformance.CorpusGenerator;
import io.vmrules.rules.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@link BlockYaml} against snakeyaml: where it reads a file, the node trees must be the same to
 * the last mark; it must never read a file that snakeyaml rejects; and it must read the rule files
 * people write, or it saves nothing.
 */
class BlockYamlTest {
  /** Each construct the reader covers, and the edges of each. */
  static Stream<String> covered() {
    return Stream.of(
        "a: 1\n",
        "a: 1",
        "a: b\nc: d\n",
        "a:\n  b: c\n  d: e\nf: g\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "a:\n  - 1\n  -   2\n",
        "- a\n- b\n",
        "- a: 1\n  b: 2\n- c: 3\n",
        "-\n  a: 1\n",
        "- \n- x\n",
        "a:\nb:\n",
        "a: # note\n  b: 1\n",
        "a:   \n",
        "# head\n\na: 1 # tail\n\n# end\n",
        "  a: 1\n  b: 2\n",
        "a: null\nb: ~\nc: true\nd: 1.5\ne: 0x1f\nf: -3\ng: .inf\nh: ''\ni: \"\"\n",
        "a: 'it''s'\nb: \"say \\\"hi\\\"\\n\\t\\u00e9\\x41\\\\ \\/\"\n",
        "'quoted key': 1\n\"dq\": 2\n",
        "a: http://x:9090/y\nb: x#y\nc: a:b\nd: -x\ne: :x\nf: ?x\n",
        "key   : value   \n",
        "a: é ü 日本\n",
        "a: |\n  line 1\n  line 2\nb: 1\n",
        "a: |-\n  x\n\n  y\n\n\nb: 1\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "a: >\n  folded\n  text\n\n  para\n   more\n  end\nb: 1\n",
        "a: >-\n  x\n  y\n",
        "a: |\n  x\n    indented\n  # not a comment\n# a comment\nb: 1\n",
        "a: |\n  x",
        "a: |\n  x\n",
        "a: |\n  x\n  \n   \n  y\n",
        "a: | # note\n  x\n",
        "- |\n  x\n- y\n",
        "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          up == 0\n        for: 5m\n",
        "a:\n  - b: 1\n    c:\n      - d\n  - e\n",
        "a: []\nb: {}\nc: [ ]\n",
        "a: [1, x, 'q', \"d\", [n, m], {k: v}]\n",
        "a: {b: 1, 'c': [2, 3], d: {e: f},}\n",
        "a: [http://x:1/y, a b , -1, -x] # note\n",
        "- [a, b]\n- {c: d}\n");
  }

  /** Beyond the subset: snakeyaml reads these. */
  static Stream<String> notCovered() {
    return Stream.of(
        "a: {b: 1\n  , c: 2}\n",
        "a: [1, {b}]\n",
        "a: {\"b\":1}\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "a: multi\n  line\n",
        "a: 'multi\n  line'\n",
        "a:\n  scalar below\n",
        "a:\tb\n",
        "a: 1\r\n",
        "just a scalar\n",
        "a: |2\n   x\n",
        "a: |\n\n  x\n",
        "- - a\n",
        "? a\n: b\n",
        "a: [:x]\n",
        "a: [-]\n",
        "a: [-, b]\n");
  }

  @ParameterizedTest
  @MethodSource("covered")
  void readsWhatItCoversAsSnakeyamlDoes(String yaml) {
    List<Node> fast = BlockYaml.read("t.yml", yaml, resolver());
    assertThat(fast).as("read by BlockYaml:\n%s", yaml).isNotNull();
    assertThat(dump(fast))
        .as(yaml)
        .isEqualTo(dump(YamlDocuments.snakeyamlDocuments("t.yml", yaml, 2)));
  }

  @ParameterizedTest
  @MethodSource("notCovered")
  void leavesTheRestToSnakeyaml(String yaml) {
    assertThat(BlockYaml.read("t.yml", yaml, resolver())).as(yaml).isNull();
  }

  @Test
  void readsEveryRuleFileOfTheTestsAndGeneratedOnes() throws IOException {
    List<String> files = new ArrayList<>();
    for (byte[] seed : Mutations.ruleFileSeeds()) {
      files.add(new String(seed, StandardCharsets.UTF_8));
    }
    CorpusGenerator generator = new CorpusGenerator(7, false);
    for (int i = 0; i < 3; i++) {
      files.add(generator.ruleFile(i, 200));
    }
    for (String yaml : files) {
      List<Node> fast = BlockYaml.read("t.yml", yaml, resolver());
      assertThat(fast).as("read by BlockYaml:\n%s", yaml).isNotNull();
      assertThat(dump(fast)).isEqualTo(dump(YamlDocuments.snakeyamlDocuments("t.yml", yaml, 2)));
    }
  }

  @Test
  void agreesWithSnakeyamlOnEveryYamlFileOfTheTests() throws IOException {
    int read = 0;
    int files = 0;
    try (Stream<Path> paths = Files.walk(Path.of("src/test/resources"))) {
      for (Path p :
          paths
              .filter(f -> f.toString().matches(".*\\.ya?ml") && Mutations.isBlockStyle(f))
              .toList()) {
        read += compare(Files.readString(p, StandardCharsets.UTF_8), p.toString()) ? 1 : 0;
        files++;
      }
    }
    assertThat(read).as("files read of %d", files).isEqualTo(files).isGreaterThan(4);
  }

  @Test
  void agreesWithSnakeyamlOnMutatedFiles() throws IOException {
    List<byte[]> seeds = Mutations.ruleFileSeeds();
    Random random = new Random(20261202);
    int rounds = 20_000;
    int read = 0;
    for (int round = 0; round < rounds; round++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] input =
          random.nextBoolean() ? Mutations.bytes(seed, random) : Mutations.lines(seed, random);
      read += compare(new String(input, StandardCharsets.UTF_8), "round " + round) ? 1 : 0;
    }
    // Most mutations keep a file in the subset (a changed value, a moved line): they test the most.
    assertThat(read).isGreaterThan(rounds / 4);
  }

  @Test
  void agreesWithSnakeyamlOnGeneratedDocuments() {
    Random random = new Random(7);
    int rounds = 30_000;
    int read = 0;
    for (int round = 0; round < rounds; round++) {
      read += compare(new YamlGenerator(random).document(), "document " + round) ? 1 : 0;
    }
    assertThat(read).isGreaterThan(rounds / 4);
  }

  /**
   * Random block YAML, made to hit the edges: tricky plain scalars, quotes and escapes, block
   * scalars with odd indentation, blank lines with spaces and chomping, flow values, comments, and
   * now and then a line indented one space off, trailing spaces or a missing final newline.
   */
  private static final class YamlGenerator {
    private static final String[] SCALARS = {
      "a",
      "a b",
      "x:y",
      "1",
      "-1",
      "0x1F",
      "1.5",
      "true",
      "~",
      "null",
      "'q'",
      "'it''s'",
      "''",
      "\"e\\n\\\"x\\u00e9\"",
      "\"\"",
      "\"a\\x41\\/\"",
      "é",
      "a#b",
      "a #c",
      "http://h:1/p",
      "-x",
      "?x",
      ":x",
      "[a, b]",
      "{k: v}",
      "[]",
      "{}",
      "[a, [b, {c: d}]]",
      "{a: [1, 2], 'b': \"c\"}",
      "a: b",
      "x:",
      "- y",
      "&a x",
      "*a",
      "!t x",
      "`x`",
      "%x",
      "@x",
      "'open",
      "\"open",
      "[open",
      "sum(rate(x[5m])) > 0",
      "{{ $labels.job }}",
      "\"{{ $value }}\"",
      "a  ",
      "a ,b",
      "[a,]",
      "{a: }",
      "[-x, -]",
    };
    private static final String[] KEYS = {
      "a", "expr", "for", "labels", "'q k'", "\"d k\"", "k k", "1", "x:y", "-k"
    };
    private final Random random;
    private final StringBuilder out = new StringBuilder();

    YamlGenerator(Random random) {
      this.random = random;
    }

    String document() {
      if (random.nextInt(4) == 0) {
        comment(0);
      }
      if (random.nextInt(3) == 0) {
        sequence(random.nextInt(3), 0);
      } else {
        mapping(random.nextInt(2), 0);
      }
      String text = out.toString();
      if (random.nextInt(6) == 0 && text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      return text;
    }

    private void mapping(int indent, int depth) {
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        line(indent);
        out.append(pick(KEYS)).append(':');
        value(indent, depth, true);
      }
    }

    private void sequence(int indent, int depth) {
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        line(indent);
        out.append('-');
        if (depth < 3 && random.nextInt(3) == 0) {
          out.append(' ').append(pick(KEYS)).append(':'); // - key: value, the mapping inline
          value(indent + 2, depth + 1, true);
          if (random.nextBoolean()) {
            mapping(indent + 2, depth + 1);
          }
        } else {
          value(indent, depth, false);
        }
      }
    }

    private void value(int indent, int depth, boolean inMapping) {
      int kind = random.nextInt(depth < 3 ? 7 : 4);
      switch (kind) {
        case 0, 1 ->
            out.append(' ')
                .append(pick(SCALARS))
                .append(random.nextInt(8) == 0 ? " # c" : "")
                .append('\n');
        case 2 -> blockScalar(indent);
        case 3 -> out.append(random.nextBoolean() ? "" : " # empty").append('\n');
        case 4 -> {
          out.append('\n');
          mapping(indent + 1 + random.nextInt(3), depth + 1);
        }
        case 5 -> {
          out.append('\n');
          sequence(
              inMapping && random.nextBoolean() ? indent : indent + 1 + random.nextInt(3),
              depth + 1);
        }
        default -> {
          out.append('\n');
          comment(indent + random.nextInt(4));
          mapping(indent + 2, depth + 1);
        }
      }
    }

    private void blockScalar(int indent) {
      out.append(' ')
          .append(random.nextBoolean() ? '|' : '>')
          .append(pick(new String[] {"", "", "-", "+", "2", " # c"}))
          .append('\n');
      int content = indent + 1 + random.nextInt(3);
      for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
        switch (random.nextInt(6)) {
          case 0 ->
              out.append(" ".repeat(random.nextInt(content + 3))).append('\n'); // blank, any spaces
          case 1 ->
              out.append(" ".repeat(content + 1 + random.nextInt(2))).append("more").append('\n');
          case 2 -> out.append(" ".repeat(content)).append("# text").append('\n');
          default ->
              out.append(" ".repeat(content))
                  .append(pick(SCALARS))
                  .append(random.nextBoolean() ? "  " : "")
                  .append('\n');
        }
      }
    }

    private void comment(int indent) {
      out.append(" ".repeat(indent)).append("# note\n");
    }

    private void line(int indent) {
      if (random.nextInt(10) == 0) {
        out.append(random.nextBoolean() ? "\n" : "   \n"); // a blank line
      }
      int off = random.nextInt(25) == 0 ? (random.nextBoolean() ? 1 : -1) : 0;
      out.append(" ".repeat(Math.max(0, indent + off)));
    }

    private String pick(String[] options) {
      return options[random.nextInt(options.length)];
    }
  }

  /** Whether BlockYaml read {@code yaml}; fails when it read it otherwise than snakeyaml. */
  private static boolean compare(String yaml, String what) {
    List<Node> fast = BlockYaml.read("t.yml", yaml, resolver());
    List<Node> slow;
    try {
      slow = YamlDocuments.snakeyamlDocuments("t.yml", yaml, 2);
    } catch (YamlEngineException e) {
      assertThat(fast)
          .as("%s: snakeyaml rejects it (%s), BlockYaml read it:\n%s", what, e.getMessage(), yaml)
          .isNull();
      return false;
    }
    if (fast == null) {
      return false;
    }
    assertThat(dump(fast)).as("%s:\n%s", what, yaml).isEqualTo(dump(slow));
    return true;
  }

  private static org.snakeyaml.engine.v2.resolver.ScalarResolver resolver() {
    return YamlDocuments.scalarResolver();
  }

  /** Everything the loader can see of a node tree, one node a line. */
  private static String dump(List<Node> docs) {
    StringBuilder out = new StringBuilder();
    for (Node doc : docs) {
      dump(doc, "", out);
      out.append("---\n");
    }
    return out.toString();
  }

  private static void dump(Node node, String indent, StringBuilder out) {
    out.append(indent)
        .append(node.getClass().getSimpleName())
        .append(' ')
        .append(node.getTag())
        .append(' ')
        .append(marks(node));
    if (node instanceof ScalarNode s) {
      out.append(' ')
          .append(s.getScalarStyle())
          .append(" \"")
          .append(s.getValue().replace("\\", "\\\\").replace("\n", "\\n"))
          .append("\"\n");
    } else if (node instanceof MappingNode m) {
      out.append(' ').append(m.getFlowStyle()).append('\n');
      for (NodeTuple t : m.getValue()) {
        dump(t.getKeyNode(), indent + "  ", out);
        dump(t.getValueNode(), indent + "    ", out);
      }
    } else if (node instanceof SequenceNode q) {
      out.append(' ').append(q.getFlowStyle()).append('\n');
      for (Node item : q.getValue()) {
        dump(item, indent + "  ", out);
      }
    }
  }

  private static String marks(Node node) {
    return mark(node.getStartMark()) + "-" + mark(node.getEndMark());
  }

  private static String mark(Optional<Mark> mark) {
    return mark.map(m -> m.getLine() + ":" + m.getColumn() + "@" + m.getIndex()).orElse("none");
  }
}
