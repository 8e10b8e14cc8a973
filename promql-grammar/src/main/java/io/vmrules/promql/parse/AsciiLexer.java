package io.vmrules.promql.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The tokens {@code PromQLLexer.g4} gives for an all-ASCII expression, found by hand-written scans
 * instead of ANTLR's lexer simulation, which walked a DFA edge per character through half a dozen
 * calls and was an eighth of a validation run. The grammar stays the definition: this class returns
 * null for any text with a non-ASCII character (the ANTLR lexer takes those), and a test compares
 * the two token for token on the parser tables, generated corpora and random text.
 *
 * <p>ANTLR's rule: at each position the longest match of any rule wins, and of equally long matches
 * the rule defined first (keywords, DURATION, NUMBER, STRING, UNTERMINATED_STRING, IDENTIFIER,
 * operators, then UNEXPECTED_CHAR).
 */
final class AsciiLexer {
  /**
   * The keywords' text by token type, from the grammar's vocabulary: each keyword rule is named
   * after its word (AND … KEEP_METRIC_NAMES; case-insensitive rules have no literal name).
   */
  private static final String[] KEYWORDS = new String[PromQLLexer.KEEP_METRIC_NAMES + 1];

  static {
    for (int type = PromQLLexer.AND; type <= PromQLLexer.KEEP_METRIC_NAMES; type++) {
      KEYWORDS[type] =
          PromQLLexer.VOCABULARY.getSymbolicName(type).toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String text;
  private final char[] cs;
  private final int n;
  private final Pair<TokenSource, CharStream> source;
  private int line = 1;
  private int lineStart;

  /** '[' nesting, as the grammar's lexer counts it: it decides whether a ':' starts a name. */
  private int brackets;

  private AsciiLexer(String text, char[] cs) {
    this.text = text;
    this.cs = cs;
    this.n = cs.length;
    this.source = new Pair<>(null, new TextStream(text));
  }

  /** The tokens of {@code text} (skipped ones left out), ending with EOF; null if not all ASCII. */
  static List<Token> lex(String text) {
    char[] cs = text.toCharArray();
    for (char c : cs) {
      if (c >= 0x80) {
        return null;
      }
    }
    return new AsciiLexer(text, cs).tokens();
  }

  private List<Token> tokens() {
    List<Token> out = new ArrayList<>(n / 4 + 2);
    int i = 0;
    while (i < n) {
      char c = cs[i];
      int type;
      int end;
      if (isSpace(c)) {
        end = i;
        while (end < n && isSpace(cs[end])) {
          end++;
        }
        advance(i, end);
        i = end;
        continue;
      }
      if (c == '#') {
        end = i;
        while (end < n && cs[end] != '\r' && cs[end] != '\n') {
          end++;
        }
        advance(i, end);
        i = end;
        continue;
      }
      if (isIdentStart(i)) {
        end = identifierEnd(i);
        type = wordType(i, end);
      } else if ((c >= '0' && c <= '9') || c == '.') {
        int duration = durationEnd(i);
        int number = numberEnd(i);
        if (duration < 0 && number < 0) {
          type = PromQLLexer.UNEXPECTED_CHAR; // a '.' before no digit
          end = i + 1;
        } else if (duration >= number) {
          type = PromQLLexer.DURATION;
          end = duration;
        } else {
          type = PromQLLexer.NUMBER;
          end = number;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        end = stringEnd(i);
        type = end > 0 ? PromQLLexer.STRING : PromQLLexer.UNTERMINATED_STRING;
        end = Math.abs(end);
      } else {
        end = i + 1;
        char next = i + 1 < n ? cs[i + 1] : 0;
        switch (c) {
          case '(' -> type = PromQLLexer.LEFT_PAREN;
          case ')' -> type = PromQLLexer.RIGHT_PAREN;
          case '{' -> type = PromQLLexer.LEFT_BRACE;
          case '}' -> type = PromQLLexer.RIGHT_BRACE;
          case '[' -> {
            type = PromQLLexer.LEFT_BRACKET;
            brackets++;
          }
          case ']' -> {
            type = PromQLLexer.RIGHT_BRACKET;
            brackets = Math.max(0, brackets - 1);
          }
          case ',' -> type = PromQLLexer.COMMA;
          case ':' -> type = PromQLLexer.COLON;
          case '@' -> type = PromQLLexer.AT;
          case '+' -> type = PromQLLexer.ADD;
          case '-' -> type = PromQLLexer.SUB;
          case '*' -> type = PromQLLexer.MUL;
          case '/' -> type = PromQLLexer.DIV;
          case '%' -> type = PromQLLexer.MOD;
          case '^' -> type = PromQLLexer.POW;
          case '=' -> {
            type =
                next == '='
                    ? PromQLLexer.EQLC
                    : next == '~' ? PromQLLexer.EQ_REGEX : PromQLLexer.EQ;
            end = type == PromQLLexer.EQ ? i + 1 : i + 2;
          }
          case '!' -> {
            type =
                next == '='
                    ? PromQLLexer.NEQ
                    : next == '~' ? PromQLLexer.NEQ_REGEX : PromQLLexer.UNEXPECTED_CHAR;
            end = type == PromQLLexer.UNEXPECTED_CHAR ? i + 1 : i + 2;
          }
          case '<' -> {
            type =
                next == '='
                    ? PromQLLexer.LTE
                    : next == '/' ? PromQLLexer.TRIM_UPPER : PromQLLexer.LSS;
            end = type == PromQLLexer.LSS ? i + 1 : i + 2;
          }
          case '>' -> {
            type =
                next == '='
                    ? PromQLLexer.GTE
                    : next == '/' ? PromQLLexer.TRIM_LOWER : PromQLLexer.GTR;
            end = type == PromQLLexer.GTR ? i + 1 : i + 2;
          }
          default -> type = PromQLLexer.UNEXPECTED_CHAR;
        }
      }
      CommonToken t = new CommonToken(source, type, Token.DEFAULT_CHANNEL, i, end - 1);
      t.setLine(line);
      t.setCharPositionInLine(i - lineStart);
      t.setTokenIndex(out.size());
      out.add(t);
      advance(i, end);
      i = end;
    }
    CommonToken eof = new CommonToken(source, Token.EOF, Token.DEFAULT_CHANNEL, n, n - 1);
    eof.setLine(line);
    eof.setCharPositionInLine(n - lineStart);
    eof.setTokenIndex(out.size());
    out.add(eof);
    return out;
  }

  /** Counts the lines of {@code [from, to)}, as ANTLR does: only '\n' starts a line. */
  private void advance(int from, int to) {
    for (int i = from; i < to; i++) {
      if (cs[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
  }

  /** The grammar's WS: VictoriaMetrics' spaces, vertical tab and form feed among them. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u000B' || c == '\f';
  }

  // ---- words: keywords, inf/nan, identifiers ----

  /** Outside brackets any ':' starts a name; inside, only before a letter, '_' or ':'. */
  private boolean isIdentStart(int i) {
    char c = cs[i];
    return isLetter(c)
        || c == '_'
        || (c == '\\' && i + 1 < n)
        || (c == ':'
            && (brackets == 0
                || (i + 1 < n && (isLetter(cs[i + 1]) || cs[i + 1] == '_' || cs[i + 1] == ':'))));
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private int identifierEnd(int i) {
    int j = cs[i] == '\\' ? i + 2 : i + 1;
    while (j < n) {
      char c = cs[j];
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == ':'
          || c == '.') {
        j++;
      } else if (c == '\\' && j + 1 < n) {
        j += 2;
      } else {
        break;
      }
    }
    return j;
  }

  /** A whole identifier that is also a keyword or inf/nan takes the earlier rule's type. */
  private int wordType(int start, int end) {
    int length = end - start;
    if (length == 3
        && (text.regionMatches(true, start, "inf", 0, 3)
            || text.regionMatches(true, start, "nan", 0, 3))) {
      return PromQLLexer.NUMBER;
    }
    if (length <= 17) {
      // Most words are no keyword: compare the first letter (ASCII: | 0x20 lowers a letter) before
      // the whole word, which takes a chain of calls per keyword on C1.
      char first = (char) (cs[start] | 0x20);
      for (int type = PromQLLexer.AND; type <= PromQLLexer.KEEP_METRIC_NAMES; type++) {
        String k = KEYWORDS[type];
        if (k.length() == length
            && k.charAt(0) == first
            && text.regionMatches(true, start, k, 0, length)) {
          return type;
        }
      }
    }
    return PromQLLexer.IDENTIFIER;
  }

  // ---- numbers and durations ----

  private boolean digit(int i) {
    return i < n && cs[i] >= '0' && cs[i] <= '9';
  }

  private int digitsEnd(int i) {
    while (digit(i)) {
      i++;
    }
    return i;
  }

  /** The end of the longest DECIMAL at {@code i}, or -1. */
  private int decimalEnd(int i) {
    if (digit(i)) {
      int j = digitsEnd(i);
      return j < n && cs[j] == '.' ? digitsEnd(j + 1) : j;
    }
    if (i < n && cs[i] == '.' && digit(i + 1)) {
      return digitsEnd(i + 1);
    }
    return -1;
  }

  /** The end of the longest DIGIT+ ('.' DIGIT*)? at {@code i}, or -1. */
  private int leadingDigitDecimalEnd(int i) {
    if (!digit(i)) {
      return -1;
    }
    int j = digitsEnd(i);
    return j < n && cs[j] == '.' ? digitsEnd(j + 1) : j;
  }

  /** The end of a duration unit at {@code i} (ms, s, m, h, d, w, y, i), or -1. */
  private int unitEnd(int i) {
    if (i >= n) {
      return -1;
    }
    char c = cs[i];
    if (c == 'm' && i + 1 < n && cs[i + 1] == 's') {
      return i + 2;
    }
    return c == 's' || c == 'm' || c == 'h' || c == 'd' || c == 'w' || c == 'y' || c == 'i'
        ? i + 1
        : -1;
  }

  /**
   * The end of the longest DURATION at {@code i}, or -1: number+unit parts, a part that follows
   * another directly starting with a digit; '-' joins groups of parts when a whole part follows it.
   * A decimal can only be followed by a letter inside a duration, so each part takes its whole
   * decimal.
   */
  private int durationEnd(int i) {
    int accept = -1;
    int p = i;
    boolean groupStart = true; // the first part, and the first after a '-', may start with '.'
    while (true) {
      int d = groupStart ? decimalEnd(p) : leadingDigitDecimalEnd(p);
      int u = d < 0 ? -1 : unitEnd(d);
      if (u < 0) {
        return accept;
      }
      p = u;
      accept = p;
      groupStart = p < n && cs[p] == '-';
      if (groupStart) {
        p++;
      }
    }
  }

  /** The end of the longest NUMBER at {@code i} (a digit or '.'), or -1. */
  private int numberEnd(int i) {
    int best = -1;
    if (cs[i] == '0' && i + 2 < n) {
      char x = cs[i + 1];
      int j = i + 2;
      if (x == 'x' || x == 'X') {
        while (j < n && isHex(cs[j])) {
          j++;
        }
      } else if (x == 'o' || x == 'O') {
        while (j < n && cs[j] >= '0' && cs[j] <= '7') {
          j++;
        }
      } else if (x == 'b' || x == 'B') {
        while (j < n && (cs[j] == '0' || cs[j] == '1')) {
          j++;
        }
      }
      if (j > i + 2) {
        best = j;
      }
    }
    int d = decimalEnd(i);
    if (d < 0) {
      return best;
    }
    int e = d;
    if (e < n && (cs[e] == 'e' || cs[e] == 'E')) {
      int k = e + 1;
      if (k < n && (cs[k] == '+' || cs[k] == '-')) {
        k++;
      }
      if (digit(k)) {
        return Math.max(best, digitsEnd(k)); // DECIMAL EXPONENT: no suffix after an exponent
      }
    }
    e = suffixEnd(e); // DECIMAL SUFFIX? (also covers '.' DIGIT+)
    return Math.max(best, e);
  }

  /**
   * k, M, G, T (k, g, t in either case; lower-case m is minutes), then i?, then b? in either case.
   */
  private int suffixEnd(int e) {
    if (e >= n) {
      return e;
    }
    char c = cs[e];
    if (c != 'k' && c != 'K' && c != 'M' && c != 'g' && c != 'G' && c != 't' && c != 'T') {
      return e;
    }
    int j = e + 1;
    if (j < n && (cs[j] == 'i' || cs[j] == 'I')) {
      j++;
    }
    if (j < n && (cs[j] == 'b' || cs[j] == 'B')) {
      j++;
    }
    return j;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // ---- strings ----

  /**
   * The end of the string at {@code i}: positive when closed, negative (−end) when unterminated.
   */
  private int stringEnd(int i) {
    char quote = cs[i];
    int j = i + 1;
    if (quote == '`') {
      while (j < n && cs[j] != '`') {
        j++;
      }
      return j < n ? j + 1 : -j;
    }
    while (j < n) {
      char c = cs[j];
      if (c == quote) {
        return j + 1;
      }
      if (c == '\\') {
        if (j + 1 >= n) {
          return -j;
        }
        j += 2;
      } else if (c == '\r' || c == '\n') {
        return -j;
      } else {
        j++;
      }
    }
    return -j;
  }

  /** The expression's text for the tokens' {@code getText()}; nothing reads it as a stream. */
  private static final class TextStream implements CharStream {
    private final String text;
    private int p;

    TextStream(String text) {
      this.text = text;
    }

    @Override
    public String getText(Interval interval) {
      int stop = Math.min(interval.b, text.length() - 1);
      return interval.a > stop ? "" : text.substring(interval.a, stop + 1);
    }

    @Override
    public void consume() {
      p++;
    }

    @Override
    public int LA(int i) {
      int at = p + i - (i > 0 ? 1 : 0);
      return at < 0 || at >= text.length() ? EOF : text.charAt(at);
    }

    @Override
    public int mark() {
      return -1;
    }

    @Override
    public void release(int marker) {}

    @Override
    public int index() {
      return p;
    }

    @Override
    public void seek(int index) {
      p = index;
    }

    @Override
    public int size() {
      return text.length();
    }

    @Override
    public String getSourceName() {
      return UNKNOWN_SOURCE_NAME;
    }
  }
}
