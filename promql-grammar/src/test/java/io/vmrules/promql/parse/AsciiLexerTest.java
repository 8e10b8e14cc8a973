package io.vmrules.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.CaseFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written lexer must give exactly the tokens of the grammar's ANTLR lexer: type, offsets,
 * line, column and text, for the parser tables, for text made of the grammar's tricky pieces, and
 * for mutations of valid expressions.
 */
class AsciiLexerTest {
  /** Pieces where the lexer's rules meet: longest match, rule order, escapes, line ends. */
  private static final String[] PIECES = {
    "and",
    "OR",
    "Unless",
    "atan2",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "GROUP_RIGHT",
    "bool",
    "offset",
    "if",
    "ifnot",
    "default",
    "with",
    "limit",
    "prefix",
    "keep_metric_names",
    "inf",
    "NaN",
    "Inf",
    "nan",
    "infx",
    "x",
    "rate",
    "up",
    "a:b",
    "a.b",
    "_",
    "\\",
    "\\a",
    "\\\\",
    "0",
    "1",
    "5",
    "09",
    "1.",
    ".",
    ".5",
    "1.5",
    "0x",
    "0x1F",
    "0X",
    "0o17",
    "0O8",
    "0b101",
    "0B2",
    "e",
    "E",
    "e5",
    "e+",
    "e-3",
    "+",
    "-",
    "1e3",
    "1E-2",
    "ms",
    "s",
    "m",
    "h",
    "d",
    "w",
    "y",
    "i",
    "I",
    "5m",
    "1h30m",
    "1.5h",
    "5i",
    "1mi",
    "k",
    "K",
    "Ki",
    "KiB",
    "kb",
    "M",
    "Mi",
    "MiB",
    "B",
    "b",
    "G",
    "T",
    "P",
    "GiB",
    "\"",
    "'",
    "`",
    "\"a\"",
    "'b'",
    "`c`",
    "\"\\\"\"",
    "\"\\",
    "'\\n'",
    "#",
    "# c",
    "\n",
    "\r",
    "\r\n",
    " ",
    "\t",
    "\f",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "@",
    "*",
    "/",
    "%",
    "^",
    "==",
    "!=",
    "<=",
    ">=",
    "<",
    ">",
    "=~",
    "!~",
    "=",
    "!",
    "~",
    "$",
    ";",
    "|",
    "?",
    "&",
    "\u0000",
  };

  static Stream<String> tableExpressions() {
    List<String> all = new ArrayList<>();
    CaseFile.read("/io/vmrules/promql/valid.txt", 1).forEach(c -> all.add(c.expression()));
    CaseFile.read("/io/vmrules/promql/invalid.txt", 3).forEach(c -> all.add(c.expression()));
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("tableExpressions")
  void tableExpressionsLexAsAntlrDoes(String text) {
    assertSameTokens(text);
  }

  @Test
  void piecesInAnyOrderLexAsAntlrDoes() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      int pieces = 1 + random.nextInt(8);
      for (int p = 0; p < pieces; p++) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      assertSameTokens(b.toString());
    }
  }

  @Test
  void mutatedExpressionsLexAsAntlrDoes() {
    Random random = new Random(7);
    List<String> seeds = tableExpressions().filter(s -> s.chars().allMatch(c -> c < 0x80)).toList();
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int m = 1 + random.nextInt(3); m > 0 && b.length() > 0; m--) {
        int at = random.nextInt(b.length());
        char c = (char) (random.nextInt(0x7f - 0x20) + 0x20);
        switch (random.nextInt(3)) {
          case 0 -> b.insert(at, c);
          case 1 -> b.deleteCharAt(at);
          default -> b.setCharAt(at, c);
        }
      }
      assertSameTokens(b.toString());
    }
  }

  @Test
  void textBeyondAsciiIsLeftToAntlr() {
    assertThat(AsciiLexer.lex("up{city=\"Zürich\"}")).isNull();
    assertThat(AsciiLexer.lex("up{city=\"Zurich\"}")).isNotNull();
  }

  private static void assertSameTokens(String text) {
    List<Token> ours = AsciiLexer.lex(text);
    assertThat(ours).as("all-ASCII text %s", text).isNotNull();
    assertThat(describe(ours))
        .as("tokens of %s", text.replace("\n", "⏎"))
        .isEqualTo(describe(ExpressionParser.antlrLex(text)));
  }

  private static List<String> describe(List<Token> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      out.add(
          t.getType()
              + "@"
              + t.getStartIndex()
              + ".."
              + t.getStopIndex()
              + " "
              + t.getLine()
              + ":"
              + t.getCharPositionInLine()
              + " #"
              + t.getTokenIndex()
              + " ch"
              + t.getChannel()
              + " «"
              + t.getText()
              + "»");
    }
    return out;
  }
}
