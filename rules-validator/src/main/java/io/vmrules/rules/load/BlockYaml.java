package io.vmrules.rules.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Reads the block-style YAML that rule files are written in straight into snakeyaml's node tree:
 * block mappings and sequences, one-line plain and quoted scalars and flow collections, literal and
 * folded block scalars, comments. snakeyaml's scanner reads a code point at a time through several
 * layers and was most of the time spent loading a rule file; this reads lines with {@code indexOf}.
 *
 * <p>A file that uses anything else (anchors and aliases, tags, multi-line plain, quoted or flow
 * values, tabs, CR line ends, document markers, a scalar document) or is not valid YAML is given up
 * on, and snakeyaml reads it. What this reads, it reads exactly as snakeyaml does (values, tags,
 * styles, start and end marks): {@code BlockYamlTest} compares the two on every YAML file of the
 * tests, on generated rule files and on thousands of mutations, where it also checks that this
 * never accepts a file that snakeyaml rejects.
 */
final class BlockYaml {
  /** Unwinds a read that met something outside the subset; no stack trace, it is not an error. */
  private static final class GiveUp extends RuntimeException {
    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();
  private static final int[] NO_BUFFER = new int[0];

  /** Characters that cannot start a plain scalar (YAML's indicators). */
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  /** snakeyaml's limit on the length of a key (a "simple key"). */
  private static final int MAX_KEY = 1000;

  private final String label;
  private final String text;

  /** The text's characters: C1-compiled code reads an array much faster than String.charAt. */
  private final char[] chars;

  private final ScalarResolver resolver;
  private final int[] starts;
  private final int[] ends;
  private final int lines;

  /** The first significant line after what was read last; -1 at the end of the text. */
  private int next;

  private BlockYaml(
      String label,
      String text,
      char[] chars,
      ScalarResolver resolver,
      int[] starts,
      int[] ends,
      int lines) {
    this.label = label;
    this.text = text;
    this.chars = chars;
    this.resolver = resolver;
    this.starts = starts;
    this.ends = ends;
    this.lines = lines;
  }

  /**
   * The documents of {@code text} (none or one) as snakeyaml's composer gives them, or null when
   * the text is outside the subset read here.
   */
  static List<Node> read(String label, String text, ScalarResolver resolver) {
    char[] chars = text.toCharArray();
    int[] starts = new int[chars.length / 32 + 2];
    int[] ends = new int[starts.length];
    int line = 0;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c == '\n') {
        ends[line] = i;
        if (++line == starts.length) {
          starts = Arrays.copyOf(starts, line * 2);
          ends = Arrays.copyOf(ends, line * 2);
        }
        starts[line] = i + 1;
      } else if ((c < 0x20 || c > 0x7e) && !plainChar(c)) {
        return null;
      }
    }
    ends[line] = chars.length;
    int count = line + 1;
    for (int l = 0; l < count; l++) {
      if (text.startsWith("---", starts[l])
          || text.startsWith("...", starts[l])
          || text.startsWith("%", starts[l])) {
        return null; // document markers and directives
      }
    }
    try {
      return new BlockYaml(label, text, chars, resolver, starts, ends, count).document();
    } catch (GiveUp e) {
      return null;
    }
  }

  /** Printable characters other than tab, CR, YAML's other line breaks and the BOM. */
  private static boolean plainChar(char c) {
    return (c >= 0x20 && c <= 0x7e)
        || (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029)
        || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff);
  }

  private List<Node> document() {
    int l = nextSignificant(0);
    if (l < 0) {
      return List.of();
    }
    int p = starts[l] + indent(l);
    Node root;
    if (isDash(l, p)) {
      root = sequence(l, p, false);
    } else if (keyColon(l, p) >= 0) {
      root = mapping(l, p);
    } else {
      throw GIVE_UP;
    }
    if (next >= 0) {
      throw GIVE_UP;
    }
    return List.of(root);
  }

  /** A block mapping whose first key starts at {@code p} on line {@code l}. */
  private Node mapping(int l, int p) {
    int col = p - starts[l];
    Optional<Mark> start = mark(l, p);
    List<NodeTuple> tuples = new ArrayList<>();
    while (true) {
      int colon = keyColon(l, p);
      if (colon < 0) {
        throw GIVE_UP;
      }
      Node key = key(l, p, colon);
      tuples.add(new NodeTuple(key, value(l, colon + 1, col, true)));
      if (next < 0 || indent(next) < col) {
        break;
      }
      if (indent(next) > col) {
        throw GIVE_UP;
      }
      p = starts[next] + col;
      if (isDash(next, p)) {
        break; // an entry of the parent's sequence (or an error the parent finds)
      }
      l = next;
    }
    return new MappingNode(Tag.MAP, true, tuples, FlowStyle.BLOCK, start, nextMark());
  }

  /** A block sequence whose first dash is at {@code p} on line {@code l}. */
  private Node sequence(int l, int p, boolean indentless) {
    int col = p - starts[l];
    Optional<Mark> start = mark(l, p);
    List<Node> items = new ArrayList<>();
    while (true) {
      int r = skipSpaces(p + 1, ends[l]);
      if (r < ends[l] && chars[r] != '#' && keyColon(l, r) >= 0) {
        items.add(mapping(l, r)); // - key: value
      } else if (r < ends[l] && isDash(l, r)) {
        throw GIVE_UP; // - - nested
      } else {
        items.add(value(l, p + 1, col, false));
      }
      if (next < 0 || indent(next) < col) {
        break;
      }
      if (indent(next) > col) {
        throw GIVE_UP;
      }
      p = starts[next] + col;
      if (!isDash(next, p)) {
        if (indentless) {
          break; // the parent mapping's next key
        }
        throw GIVE_UP;
      }
      l = next;
    }
    return new SequenceNode(Tag.SEQ, true, items, FlowStyle.BLOCK, start, nextMark());
  }

  /**
   * The value after a key's colon or a sequence's dash ({@code q} is just after it), in a block
   * collection at column {@code col}.
   */
  private Node value(int l, int q, int col, boolean inMapping) {
    int r = skipSpaces(q, ends[l]);
    if (r == ends[l] || chars[r] == '#') {
      int n = nextSignificant(l + 1);
      if (n >= 0) {
        int ind = indent(n);
        int p = starts[n] + ind;
        if (ind > col) {
          if (isDash(n, p)) {
            return sequence(n, p, false);
          }
          if (keyColon(n, p) >= 0) {
            return mapping(n, p);
          }
          throw GIVE_UP; // a scalar on the lines below
        }
        if (inMapping && ind == col && isDash(n, p)) {
          return sequence(n, p, true);
        }
      }
      next = n;
      Optional<Mark> here = mark(l, q);
      return new ScalarNode(resolver.resolve("", true), true, "", ScalarStyle.PLAIN, here, here);
    }
    Node scalar =
        switch (chars[r]) {
          case '|', '>' -> blockScalar(l, r, col);
          case '"', '\'' -> quotedValue(l, r);
          case '[', '{' -> flowValue(l, r);
          default -> plain(l, r);
        };
    if (next >= 0 && indent(next) > col) {
      throw GIVE_UP; // a continuation line, or an error
    }
    return scalar;
  }

  private Node plain(int l, int r) {
    int e = ends[l];
    if (!plainStart(r, e)) {
      throw GIVE_UP;
    }
    int stop = e;
    for (int i = r; i < e; i++) {
      char c = chars[i];
      if (c == ':' && (i + 1 == e || chars[i + 1] == ' ')) {
        throw GIVE_UP; // a key where a value should be
      }
      if (c == '#' && chars[i - 1] == ' ') {
        stop = i;
        break;
      }
    }
    int last = trimEnd(r, stop);
    String value = text.substring(r, last);
    next = nextSignificant(l + 1);
    return new ScalarNode(
        resolver.resolve(value, true), true, value, ScalarStyle.PLAIN, mark(l, r), mark(l, last));
  }

  private Node quotedValue(int l, int r) {
    int end = closingQuote(l, r);
    int after = skipSpaces(end, ends[l]);
    if (after < ends[l] && !(chars[after] == '#' && after > end)) {
      throw GIVE_UP;
    }
    next = nextSignificant(l + 1);
    return quoted(l, r, end);
  }

  /** The offset just after the closing quote of the one-line quoted scalar opened at {@code r}. */
  private int closingQuote(int l, int r) {
    char quote = chars[r];
    int e = ends[l];
    for (int i = r + 1; i < e; i++) {
      char c = chars[i];
      if (c == quote) {
        if (quote == '\'' && i + 1 < e && chars[i + 1] == '\'') {
          i++; // '' is a quote
          continue;
        }
        return i + 1;
      }
      if (c == '\\' && quote == '"') {
        i++;
      }
    }
    throw GIVE_UP; // the scalar goes on to the next line
  }

  private Node quoted(int l, int r, int end) {
    boolean single = chars[r] == '\'';
    String value =
        single ? text.substring(r + 1, end - 1).replace("''", "'") : unescape(r + 1, end - 1);
    return new ScalarNode(
        resolver.resolve(value, false),
        true,
        value,
        single ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED,
        mark(l, r),
        mark(l, end));
  }

  private String unescape(int from, int to) {
    int backslash = from;
    while (backslash < to && chars[backslash] != '\\') {
      backslash++;
    }
    if (backslash == to) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from).append(text, from, backslash);
    int i = backslash;
    while (i < to) {
      char c = chars[i];
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      char x = chars[i + 1];
      i += 2;
      switch (x) {
        case '0' -> out.append('\0');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'v' -> out.append('\u000b');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001b');
        case ' ', '"', '/', '\\' -> out.append(x);
        case 'N' -> out.append('\u0085');
        case '_' -> out.append('\u00a0');
        case 'x', 'u', 'U' -> {
          int digits = x == 'x' ? 2 : x == 'u' ? 4 : 8;
          if (i + digits > to) {
            throw GIVE_UP;
          }
          int code = 0;
          for (int k = 0; k < digits; k++) {
            int d = Character.digit(chars[i + k], 16);
            if (d < 0) {
              throw GIVE_UP;
            }
            code = code * 16 + d;
          }
          if (code < 0 || code > Character.MAX_CODE_POINT) {
            throw GIVE_UP;
          }
          out.appendCodePoint(code);
          i += digits;
        }
        default -> throw GIVE_UP;
      }
    }
    return out.toString();
  }

  /** A one-line flow collection ({@code [a, b]}, {@code {a: b}}) as a value: nothing after it. */
  private Node flowValue(int l, int r) {
    flowEnd = -1;
    Node node = flow(l, r);
    int after = skipSpaces(flowEnd, ends[l]);
    if (after < ends[l] && !(chars[after] == '#' && after > flowEnd)) {
      throw GIVE_UP;
    }
    next = nextSignificant(l + 1);
    return node;
  }

  /** Where the flow node read last ends. */
  private int flowEnd;

  private Node flow(int l, int r) {
    boolean mapping = chars[r] == '{';
    char close = mapping ? '}' : ']';
    List<Node> items = new ArrayList<>();
    List<NodeTuple> tuples = new ArrayList<>();
    int i = skipSpaces(r + 1, ends[l]);
    while (true) {
      if (i >= ends[l]) {
        throw GIVE_UP; // goes on to the next line
      }
      if (chars[i] == close) {
        break;
      }
      Node item = flowItem(l, i);
      i = skipSpaces(flowEnd, ends[l]);
      if (mapping) {
        if (!(item instanceof ScalarNode)
            || i + 1 >= ends[l]
            || chars[i] != ':'
            || chars[i + 1] != ' ') {
          throw GIVE_UP; // {a}, {"a":1}, complex keys
        }
        Node value = flowItem(l, skipSpaces(i + 1, ends[l]));
        tuples.add(new NodeTuple(item, value));
        i = skipSpaces(flowEnd, ends[l]);
      } else {
        items.add(item);
      }
      if (i < ends[l] && chars[i] == ',') {
        i = skipSpaces(i + 1, ends[l]);
      } else if (i >= ends[l] || chars[i] != close) {
        throw GIVE_UP;
      }
    }
    flowEnd = i + 1;
    return mapping
        ? new MappingNode(Tag.MAP, true, tuples, FlowStyle.FLOW, mark(l, r), mark(l, i + 1))
        : new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, mark(l, r), mark(l, i + 1));
  }

  /** A scalar or a nested collection inside a flow collection; sets {@link #flowEnd}. */
  private Node flowItem(int l, int r) {
    if (r >= ends[l]) {
      throw GIVE_UP;
    }
    char c = chars[r];
    if (c == '[' || c == '{') {
      return flow(l, r);
    }
    if (c == '"' || c == '\'') {
      flowEnd = closingQuote(l, r);
      return quoted(l, r, flowEnd);
    }
    int e = ends[l];
    if (!plainStart(r, e)
        || c == '?'
        || c == ':'
        || (c == '-' && ",]".indexOf(chars[r + 1]) >= 0)) {
      throw GIVE_UP; // in flow context "-x" may start a plain scalar, but not "-]" or "-,"
    }
    int i = r;
    while (i < e) {
      char ch = chars[i];
      if (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}') {
        break;
      }
      if (ch == ':' && (i + 1 == e || " ,[]{}".indexOf(chars[i + 1]) >= 0)) {
        break;
      }
      if (ch == '#' && chars[i - 1] == ' ') {
        throw GIVE_UP;
      }
      i++;
    }
    int last = trimEnd(r, i);
    if (last == r) {
      throw GIVE_UP;
    }
    flowEnd = last;
    String value = text.substring(r, last);
    return new ScalarNode(
        resolver.resolve(value, true), true, value, ScalarStyle.PLAIN, mark(l, r), mark(l, last));
  }

  /**
   * A {@code |} or {@code >} scalar whose indicator is at {@code r}, in a collection at {@code
   * col}.
   */
  private Node blockScalar(int l, int r, int col) {
    boolean folded = chars[r] == '>';
    int e = ends[l];
    int i = r + 1;
    int chomp = 0; // -1 strip, 0 clip, +1 keep
    if (i < e && (chars[i] == '-' || chars[i] == '+')) {
      chomp = chars[i] == '-' ? -1 : 1;
      i++;
    }
    int after = skipSpaces(i, e);
    if (after < e && !(chars[after] == '#' && after > i)) {
      throw GIVE_UP; // an indentation indicator, or something else after the indicator
    }
    int first = l + 1;
    if (first >= lines || isBlank(first) || indent(first) < col + 1) {
      throw GIVE_UP; // leading empty lines, or an empty scalar
    }
    int blockIndent = indent(first);
    StringBuilder value = new StringBuilder();
    int k = first;
    int end; // the line that ends the scalar (lines: at the end of the text)
    boolean lineBreak;
    int breaks;
    while (true) {
      int from = starts[k] + blockIndent;
      value.append(text, from, ends[k]);
      lineBreak = k + 1 < lines;
      boolean leadingNonSpace = chars[from] != ' ';
      // The empty lines after this one: lines of at most blockIndent spaces, each ended by a break.
      int n = k + 1;
      breaks = 0;
      while (n + 1 < lines && isBlank(n) && ends[n] - starts[n] <= blockIndent) {
        breaks++;
        n++;
      }
      boolean more = n < lines && indent(n) >= blockIndent && ends[n] - starts[n] > blockIndent;
      if (!more) {
        end = n;
        break;
      }
      boolean nextLeadingNonSpace = chars[starts[n] + blockIndent] != ' ';
      if (folded && lineBreak && leadingNonSpace && nextLeadingNonSpace) {
        if (breaks == 0) {
          value.append(' ');
        }
      } else {
        value.append('\n');
      }
      value.append("\n".repeat(breaks));
      k = n;
    }
    if (chomp >= 0 && lineBreak) {
      value.append('\n');
    }
    if (chomp > 0) {
      value.append("\n".repeat(breaks));
    }
    // The scalar ends after the last line break it took in.
    Optional<Mark> endMark = end < lines ? mark(end, starts[end]) : eofMark();
    next = end < lines ? nextSignificant(end) : -1;
    String v = value.toString();
    return new ScalarNode(
        resolver.resolve(v, false),
        true,
        v,
        folded ? ScalarStyle.FOLDED : ScalarStyle.LITERAL,
        mark(l, r),
        endMark);
  }

  private Node key(int l, int p, int colon) {
    char c = chars[p];
    if (c == '"' || c == '\'') {
      int end = closingQuote(l, p);
      if (skipSpaces(end, colon) != colon) {
        throw GIVE_UP;
      }
      return quoted(l, p, end);
    }
    int last = trimEnd(p, colon);
    String value = text.substring(p, last);
    return new ScalarNode(
        resolver.resolve(value, true), true, value, ScalarStyle.PLAIN, mark(l, p), mark(l, last));
  }

  /**
   * The offset of the colon when a key starts at {@code p} (a one-line key followed by ": " or a
   * colon at the end of the line); -1 when none does.
   */
  private int keyColon(int l, int p) {
    int e = ends[l];
    char c = chars[p];
    int from = p;
    if (c == '"' || c == '\'') {
      from = closingQuoteOrEnd(l, p);
      if (from < 0) {
        return -1;
      }
      int r = skipSpaces(from, e);
      return r < e && chars[r] == ':' && (r + 1 == e || chars[r + 1] == ' ') ? r : -1;
    }
    if (!plainStart(p, e)) {
      return -1;
    }
    for (int i = from; i < e; i++) {
      char ch = chars[i];
      if (ch == ':' && (i + 1 == e || chars[i + 1] == ' ')) {
        if (i - p > MAX_KEY) {
          throw GIVE_UP;
        }
        return i;
      }
      if (ch == '#' && i > p && chars[i - 1] == ' ') {
        return -1;
      }
    }
    return -1;
  }

  private int closingQuoteOrEnd(int l, int p) {
    try {
      return closingQuote(l, p);
    } catch (GiveUp e) {
      return -1;
    }
  }

  private boolean plainStart(int r, int e) {
    char c = chars[r];
    if (INDICATORS.indexOf(c) < 0) {
      return true;
    }
    return (c == '-' || c == '?' || c == ':') && r + 1 < e && chars[r + 1] != ' ';
  }

  private boolean isDash(int l, int p) {
    return p < ends[l] && chars[p] == '-' && (p + 1 == ends[l] || chars[p + 1] == ' ');
  }

  /** The first line from {@code from} that holds more than spaces and a comment; -1 if none. */
  private int nextSignificant(int from) {
    for (int l = from; l < lines; l++) {
      int p = skipSpaces(starts[l], ends[l]);
      if (p < ends[l] && chars[p] != '#') {
        return l;
      }
    }
    return -1;
  }

  private boolean isBlank(int l) {
    return skipSpaces(starts[l], ends[l]) == ends[l];
  }

  private int indent(int l) {
    return skipSpaces(starts[l], ends[l]) - starts[l];
  }

  private int skipSpaces(int from, int to) {
    int i = from;
    while (i < to && chars[i] == ' ') {
      i++;
    }
    return i;
  }

  private int trimEnd(int from, int to) {
    int i = to;
    while (i > from && chars[i - 1] == ' ') {
      i--;
    }
    return i;
  }

  /** The start of the next token: where a collection ends. */
  private Optional<Mark> nextMark() {
    return next < 0 ? eofMark() : mark(next, starts[next] + indent(next));
  }

  private Optional<Mark> eofMark() {
    return mark(lines - 1, text.length());
  }

  private Optional<Mark> mark(int line, int offset) {
    return Optional.of(new Mark(label, offset, line, offset - starts[line], NO_BUFFER, 0));
  }
}
