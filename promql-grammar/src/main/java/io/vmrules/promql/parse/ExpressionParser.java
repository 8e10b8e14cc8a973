package io.vmrules.promql.parse;

import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Diagnostics;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.Excerpt;
import io.vmrules.promql.Span;
import io.vmrules.promql.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Lexes and parses one expression, the only class besides {@link AstBuilder} that sees ANTLR. Fast
 * path: SLL prediction with bail-out; only input that fails it is parsed again with full LL and
 * error recovery, so every syntax error of a bad expression is reported.
 */
public final class ExpressionParser {
  /** Syntax errors reported per expression before the rest are dropped as noise. */
  private static final int MAX_SYNTAX_ERRORS = 8;

  /**
   * Deepest bracket nesting we parse. ANTLR's adaptive prediction grows its context graph with
   * nesting depth and turns pathological input (thousands of parentheses) into minutes of CPU; real
   * rules nest a few dozen levels at most, so a clear error here costs nobody anything.
   */
  public static final int MAX_NESTING = 256;

  private ExpressionParser() {}

  /** Parses {@code text}; null when it has syntax errors (they are in {@code diagnostics}). */
  public static Expr parse(
      String text, Dialect dialect, Diagnostics diagnostics, Predicate<String> isAggregation) {
    List<Token> tokens = lex(text, dialect);
    reportBadTokens(tokens, diagnostics);
    if (dialect == Dialect.PROMQL && (text.indexOf('\u000B') >= 0 || text.indexOf('\f') >= 0)) {
      reportPromqlSpaces(text, tokens, diagnostics);
    }
    if (diagnostics.hasErrors() || tooDeep(tokens, diagnostics)) {
      return null;
    }
    if (tokens.size() == 1) { // EOF only: blank, or only comments
      diagnostics.error(
          DiagnosticCode.SYNTAX, new Span(0, 0), "empty expression; expected a PromQL expression");
      return null;
    }
    PromQLParser.QueryContext tree = parseTree(text, dialect, tokens, diagnostics);
    if (tree == null) {
      return null;
    }
    return new AstBuilder(dialect, diagnostics, isAggregation).build(tree);
  }

  /**
   * The hand-written lexer can be switched off ({@code -Dvmrules.asciiLexer=false}): ANTLR's lexer
   * then makes every token, so a suspected lexer bug can be told apart in one run.
   */
  static final boolean ASCII_LEXER = !"false".equals(System.getProperty("vmrules.asciiLexer"));

  /** The tokens of {@code text}, skipped ones left out, ending with EOF. */
  static List<Token> lex(String text) {
    List<Token> tokens = ASCII_LEXER ? AsciiLexer.lex(text) : null;
    return tokens != null ? tokens : antlrLex(text);
  }

  /** As {@link #lex(String)}, in the tokens of {@code dialect}. */
  static List<Token> lex(String text, Dialect dialect) {
    List<Token> tokens = lex(text);
    return dialect == Dialect.PROMQL ? splitJoinedDurations(tokens) : tokens;
  }

  /**
   * PromQL has no joined durations: where MetricsQL's lexer makes one token of {@code 10m-5m},
   * Prometheus reads {@code 10m - 5m} (a duration expression, or a subtraction of numbers), and
   * {@code x offset 10m-5m} as {@code (x offset 10m) - 5m}. Such a token becomes its parts and the
   * minus signs between them.
   */
  static List<Token> splitJoinedDurations(List<Token> tokens) {
    int first = 0; // a loop, not a stream: this runs for every PromQL expression checked
    while (first < tokens.size() && !isJoinedDuration(tokens.get(first))) {
      first++;
    }
    if (first == tokens.size()) {
      return tokens;
    }
    List<Token> out = new ArrayList<>(tokens.size() + 4);
    for (Token t : tokens) {
      if (!isJoinedDuration(t)) {
        out.add(t);
        continue;
      }
      String text = t.getText();
      int from = 0;
      for (int dash = text.indexOf('-'); ; dash = text.indexOf('-', from)) {
        int end = dash < 0 ? text.length() : dash;
        out.add(piece(t, PromQLLexer.DURATION, from, end));
        if (dash < 0) {
          break;
        }
        out.add(piece(t, PromQLLexer.SUB, dash, dash + 1));
        from = dash + 1;
      }
    }
    for (int i = 0; i < out.size(); i++) {
      ((WritableToken) out.get(i)).setTokenIndex(i);
    }
    return out;
  }

  private static boolean isJoinedDuration(Token t) {
    return t.getType() == PromQLLexer.DURATION && t.getText().indexOf('-') > 0;
  }

  /** The characters {@code [from, to)} of {@code token} as a token of {@code type}. */
  private static CommonToken piece(Token token, int type, int from, int to) {
    int start = token.getStartIndex() + from;
    CommonToken p =
        new CommonToken(
            new org.antlr.v4.runtime.misc.Pair<>(token.getTokenSource(), token.getInputStream()),
            type,
            Token.DEFAULT_CHANNEL,
            start,
            token.getStartIndex() + to - 1);
    p.setText(token.getText().substring(from, to));
    p.setLine(token.getLine());
    p.setCharPositionInLine(token.getCharPositionInLine() + from);
    return p;
  }

  /**
   * ANTLR's lexer: for text beyond ASCII, and for the slow parse (its error recovery makes tokens
   * from a token's lexer).
   */
  static List<Token> antlrLex(String text) {
    PromQLLexer lexer = new PromQLLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    // The lexer skips whitespace and comments: the parser would only step over them.
    List<Token> tokens = new ArrayList<>(text.length() / 4 + 2);
    for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
      ((WritableToken) t).setTokenIndex(tokens.size());
      tokens.add(t);
      if (t.getType() == Token.EOF) {
        return tokens;
      }
    }
  }

  private static void reportBadTokens(List<Token> tokens, Diagnostics diagnostics) {
    for (Token t : tokens) {
      switch (t.getType()) {
        case PromQLLexer.UNTERMINATED_STRING ->
            diagnostics.error(
                DiagnosticCode.SYNTAX,
                new Span(t.getStartIndex(), t.getStopIndex() + 1),
                "unterminated quoted string " + Excerpt.of(t.getText(), 40));
        case PromQLLexer.UNEXPECTED_CHAR ->
            diagnostics.error(
                DiagnosticCode.SYNTAX,
                new Span(t.getStartIndex(), t.getStopIndex() + 1),
                "unexpected character " + describeChar(t.getText()));
        default -> {}
      }
    }
  }

  /**
   * Vertical tab and form feed separate tokens for VictoriaMetrics, not for Prometheus: between
   * tokens (outside comments) they are errors under PromQL.
   */
  private static void reportPromqlSpaces(String text, List<Token> tokens, Diagnostics diagnostics) {
    int from = 0;
    for (Token t : tokens) {
      int to = t.getType() == Token.EOF ? text.length() : t.getStartIndex();
      boolean comment = false;
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c == '#') {
          comment = true;
        } else if (c == '\n' || c == '\r') {
          comment = false;
        } else if (!comment && (c == '\u000B' || c == '\f')) {
          diagnostics.error(
              DiagnosticCode.SYNTAX,
              new Span(i, i + 1),
              "unexpected character "
                  + describeChar(String.valueOf(c))
                  + "; Prometheus separates tokens with spaces, tabs and line ends only"
                  + " (VictoriaMetrics also with vertical tabs and form feeds)");
        }
      }
      from = t.getStopIndex() + 1;
    }
  }

  private static boolean tooDeep(List<Token> tokens, Diagnostics diagnostics) {
    int depth = 0;
    for (Token t : tokens) {
      switch (t.getType()) {
        case PromQLLexer.LEFT_PAREN, PromQLLexer.LEFT_BRACE, PromQLLexer.LEFT_BRACKET -> {
          if (++depth > MAX_NESTING) {
            diagnostics.error(
                DiagnosticCode.TOO_COMPLEX,
                new Span(t.getStartIndex(), t.getStopIndex() + 1),
                "expression nests deeper than "
                    + MAX_NESTING
                    + " brackets; split it into recording rules");
            return true;
          }
        }
        case PromQLLexer.RIGHT_PAREN, PromQLLexer.RIGHT_BRACE, PromQLLexer.RIGHT_BRACKET -> depth--;
        default -> {}
      }
    }
    return false;
  }

  private static PromQLParser.QueryContext parseTree(
      String text, Dialect dialect, List<Token> tokens, Diagnostics diagnostics) {
    PromQLParser parser = new PromQLParser(new TokenArray(tokens));
    // The AST builder reads the contexts' labels: child lists and terminal nodes were a fifth of
    // the parse's work and allocations.
    parser.setBuildParseTree(false);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.query();
    } catch (ParseCancellationException slow) {
      // The slow path, ANTLR's own lexer and stream: its error reports read the stream's text, and
      // its recovery makes tokens with the lexer of the token at hand.
      List<Token> relexed = antlrLex(text);
      if (dialect == Dialect.PROMQL) {
        relexed = splitJoinedDurations(relexed);
      }
      parser.setInputStream(new CommonTokenStream(new ListTokenSource(relexed)));
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new DefaultErrorStrategy());
      Collector collector = new Collector(diagnostics);
      parser.addErrorListener(collector);
      PromQLParser.QueryContext tree = parser.query();
      return collector.count == 0 ? tree : null;
    }
  }

  /** Turns ANTLR's reports into diagnostics that say what was found and what was expected. */
  private static final class Collector extends BaseErrorListener {
    private final Diagnostics diagnostics;
    private int count;
    private int lastOffset = -1;

    Collector(Diagnostics diagnostics) {
      this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      count++;
      Token token = (Token) offendingSymbol;
      int start = Math.max(0, token.getStartIndex());
      if (count > MAX_SYNTAX_ERRORS || start == lastOffset) {
        return;
      }
      lastOffset = start;
      Parser parser = (Parser) recognizer;
      IntervalSet expected =
          new IntervalSet(
              e != null && e.getExpectedTokens() != null
                  ? e.getExpectedTokens()
                  : parser.getExpectedTokens());
      if (token.getType() == Token.EOF) {
        expected.remove(Token.EOF); // never "unexpected end of input; expected end of input"
      }
      String message =
          e instanceof NoViableAltException
                  && e.getCtx() instanceof PromQLParser.GroupModifierContext
              ? "the \"(\" after group_left/group_right opens its label list, as in Prometheus;"
                  + " the right-hand operand must follow that list"
              : "unexpected " + describe(token) + expectation(expected, parser);
      int end = token.getType() == Token.EOF ? start : Math.max(start, token.getStopIndex() + 1);
      diagnostics.error(DiagnosticCode.SYNTAX, new Span(start, end), message);
    }
  }

  static String describe(Token token) {
    return switch (token.getType()) {
      case Token.EOF -> "end of input";
      case PromQLLexer.NUMBER -> "number " + token.getText();
      case PromQLLexer.DURATION -> "duration " + token.getText();
      case PromQLLexer.STRING -> "string " + Excerpt.of(token.getText(), 40);
      case PromQLLexer.IDENTIFIER -> "identifier \"" + Excerpt.of(token.getText(), 40) + "\"";
      default -> {
        String text = token.getText();
        yield Character.isLetter(text.charAt(0)) ? "keyword \"" + text + "\"" : "\"" + text + "\"";
      }
    };
  }

  private static String expectation(IntervalSet expected, Parser parser) {
    if (expected == null || expected.isNil()) {
      return "";
    }
    Set<String> names = new LinkedHashSet<>();
    boolean expression =
        expected.contains(PromQLLexer.NUMBER)
            && expected.contains(PromQLLexer.IDENTIFIER)
            && expected.contains(PromQLLexer.LEFT_PAREN);
    if (expression) {
      names.add("an expression");
    }
    // Where a name may stand, every keyword may too (label names, metric names): say "a name" once.
    boolean name = expected.contains(PromQLLexer.IDENTIFIER);
    for (int type : expected.toList()) {
      if ((expression && isExpressionStart(type)) || (name && isKeyword(type))) {
        continue;
      }
      names.add(tokenName(type, parser));
    }
    names.remove(null);
    List<String> list = new ArrayList<>(names);
    if (list.isEmpty()) {
      return "";
    }
    if (list.size() > 7) {
      list = list.subList(0, 7);
      list.add("…");
    }
    return "; expected " + joinOr(list);
  }

  private static boolean isKeyword(int type) {
    return type >= PromQLLexer.AND && type <= PromQLLexer.KEEP_METRIC_NAMES;
  }

  private static boolean isExpressionStart(int type) {
    return switch (type) {
      case PromQLLexer.NUMBER,
              PromQLLexer.DURATION,
              PromQLLexer.STRING,
              PromQLLexer.IDENTIFIER,
              PromQLLexer.LEFT_PAREN,
              PromQLLexer.LEFT_BRACE,
              PromQLLexer.ADD,
              PromQLLexer.SUB,
              PromQLLexer.WITH,
              PromQLLexer.IF,
              PromQLLexer.IFNOT,
              PromQLLexer.DEFAULT,
              PromQLLexer.LIMIT,
              PromQLLexer.PREFIX,
              PromQLLexer.KEEP_METRIC_NAMES,
              // keywords are metric names where an operand begins (by > 0)
              PromQLLexer.AND,
              PromQLLexer.OR,
              PromQLLexer.UNLESS,
              PromQLLexer.ATAN2,
              PromQLLexer.BY,
              PromQLLexer.WITHOUT,
              PromQLLexer.OFFSET,
              PromQLLexer.ON,
              PromQLLexer.IGNORING,
              PromQLLexer.GROUP_LEFT,
              PromQLLexer.GROUP_RIGHT,
              PromQLLexer.BOOL ->
          true;
      default -> false;
    };
  }

  private static String tokenName(int type, Parser parser) {
    return switch (type) {
      case Token.EOF -> "end of input";
      case PromQLLexer.NUMBER -> "a number";
      case PromQLLexer.DURATION -> "a duration";
      case PromQLLexer.STRING -> "a string";
      case PromQLLexer.IDENTIFIER -> "a name";
      case PromQLLexer.UNTERMINATED_STRING, PromQLLexer.UNEXPECTED_CHAR -> null;
      default -> {
        String literal = parser.getVocabulary().getLiteralName(type);
        yield literal != null
            ? literal.replace('\'', '"')
            : parser.getVocabulary().getDisplayName(type);
      }
    };
  }

  private static String joinOr(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " or "
        + items.get(items.size() - 1);
  }

  private static String describeChar(String c) {
    int cp = c.codePointAt(0);
    if (cp < 0x20 || cp == 0x7f || Character.isWhitespace(cp) || cp == 0xFFFD) {
      return String.format("U+%04X", cp);
    }
    return "\"" + c + "\"";
  }
}
