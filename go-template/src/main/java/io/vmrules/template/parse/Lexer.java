package io.vmrules.template.parse;

import io.vmrules.template.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template text into tokens as Go's {@code text/template/parse} lexer does: {@code {{ }}}
 * delimiters, {@code {{- }}/{@code -}}} trim markers, comments, and the action vocabulary. A
 * lexical error ends the list with an {@link Kind#ERROR} token at the offending offset.
 */
final class Lexer {
  private static final Map<String, Kind> KEYWORDS =
      Map.ofEntries(
          Map.entry("block", Kind.BLOCK),
          Map.entry("break", Kind.BREAK),
          Map.entry("continue", Kind.CONTINUE),
          Map.entry("define", Kind.DEFINE),
          Map.entry("else", Kind.ELSE),
          Map.entry("end", Kind.END),
          Map.entry("if", Kind.IF),
          Map.entry("range", Kind.RANGE),
          Map.entry("nil", Kind.NIL),
          Map.entry("template", Kind.TEMPLATE),
          Map.entry("with", Kind.WITH));

  private final String in;
  private final List<Token> out = new ArrayList<>();
  private int pos;

  private Lexer(String in) {
    this.in = in;
  }

  static List<Token> lex(String text) {
    Lexer l = new Lexer(text);
    l.run();
    return l.out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlphaNumeric(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private void run() {
    while (true) {
      int x = in.indexOf("{{", pos);
      if (x < 0) {
        if (pos < in.length()) {
          out.add(new Token(Kind.TEXT, pos, in.substring(pos)));
        }
        out.add(new Token(Kind.EOF, in.length(), ""));
        return;
      }
      boolean trimLeft = hasLeftTrim(x + 2);
      int textEnd = x;
      if (trimLeft) {
        while (textEnd > pos && isSpace(in.charAt(textEnd - 1))) {
          textEnd--;
        }
      }
      if (textEnd > pos) {
        out.add(new Token(Kind.TEXT, pos, in.substring(pos, textEnd)));
      }
      pos = x + 2;
      int after = trimLeft ? 2 : 0;
      if (in.startsWith("/*", pos + after)) {
        if (!comment(after)) {
          return;
        }
        continue;
      }
      out.add(new Token(Kind.LEFT_DELIM, x, "{{"));
      pos += after;
      if (!action()) {
        return;
      }
    }
  }

  private boolean hasLeftTrim(int i) {
    return i + 1 < in.length() && in.charAt(i) == '-' && isSpace(in.charAt(i + 1));
  }

  private boolean hasRightTrimAt(int i) {
    return i + 1 < in.length()
        && isSpace(in.charAt(i))
        && in.charAt(i + 1) == '-'
        && in.startsWith("}}", i + 2);
  }

  private boolean comment(int after) {
    int start = pos + after;
    int end = in.indexOf("*/", start + 2);
    if (end < 0) {
      return error(start, "unclosed comment");
    }
    pos = end + 2;
    if (hasRightTrimAt(pos)) {
      pos += 4;
      skipSpace();
    } else if (in.startsWith("}}", pos)) {
      pos += 2;
    } else {
      return error(start, "comment ends before closing delimiter");
    }
    return true;
  }

  private void skipSpace() {
    while (pos < in.length() && isSpace(in.charAt(pos))) {
      pos++;
    }
  }

  private boolean error(int at, String message) {
    out.add(new Token(Kind.ERROR, at, message));
    return false;
  }

  /** Lexes one action up to and including its right delimiter. */
  private boolean action() {
    int parenDepth = 0;
    while (true) {
      boolean trim = hasRightTrimAt(pos);
      if (trim || in.startsWith("}}", pos)) {
        if (parenDepth > 0) {
          return error(pos, "unclosed left paren");
        }
        int at = pos;
        pos += trim ? 4 : 2;
        out.add(new Token(Kind.RIGHT_DELIM, at, "}}"));
        if (trim) {
          skipSpace();
        }
        return true;
      }
      if (pos >= in.length()) {
        return error(pos, "unclosed action");
      }
      int start = pos;
      char c = in.charAt(pos);
      if (isSpace(c)) {
        while (pos < in.length() && isSpace(in.charAt(pos)) && !hasRightTrimAt(pos)) {
          pos++;
        }
        if (pos > start) {
          out.add(new Token(Kind.SPACE, start, in.substring(start, pos)));
        }
        continue;
      }
      switch (c) {
        case '=' -> {
          pos++;
          out.add(new Token(Kind.ASSIGN, start, "="));
        }
        case ':' -> {
          if (!in.startsWith(":=", pos)) {
            return error(pos, "expected :=");
          }
          pos += 2;
          out.add(new Token(Kind.DECLARE, start, ":="));
        }
        case '|' -> {
          pos++;
          out.add(new Token(Kind.PIPE, start, "|"));
        }
        case '"' -> {
          if (!quote()) {
            return false;
          }
        }
        case '`' -> {
          int end = in.indexOf('`', pos + 1);
          if (end < 0) {
            return error(start, "unterminated raw quoted string");
          }
          pos = end + 1;
          out.add(new Token(Kind.RAW_STRING, start, in.substring(start, pos)));
        }
        case '$' -> {
          pos++;
          if (!word(Kind.VARIABLE, start)) {
            return false;
          }
        }
        case '\'' -> {
          if (!charConstant()) {
            return false;
          }
        }
        case '.' -> {
          if (pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1))) {
            if (!number()) {
              return false;
            }
          } else {
            pos++;
            if (pos < in.length() && isAlphaNumeric(in.codePointAt(pos))) {
              if (!word(Kind.FIELD, start)) {
                return false;
              }
            } else {
              out.add(new Token(Kind.DOT, start, "."));
            }
          }
        }
        case '(' -> {
          pos++;
          parenDepth++;
          out.add(new Token(Kind.LEFT_PAREN, start, "("));
        }
        case ')' -> {
          pos++;
          parenDepth--;
          if (parenDepth < 0) {
            return error(start, "unexpected right paren");
          }
          out.add(new Token(Kind.RIGHT_PAREN, start, ")"));
        }
        default -> {
          if (c == '+' || c == '-' || Character.isDigit(c)) {
            if (!number()) {
              return false;
            }
          } else if (isAlphaNumeric(in.codePointAt(pos))) {
            if (!identifier()) {
              return false;
            }
          } else if (c < 0x7f && c > ' ') {
            pos++;
            out.add(new Token(Kind.CHAR, start, String.valueOf(c)));
          } else {
            return error(
                start,
                String.format("unrecognized character in action: U+%04X", in.codePointAt(pos)));
          }
        }
      }
    }
  }

  private boolean word(Kind kind, int start) {
    while (pos < in.length() && isAlphaNumeric(in.codePointAt(pos))) {
      pos += Character.charCount(in.codePointAt(pos));
    }
    if (!atTerminator()) {
      return error(pos, String.format("bad character U+%04X", in.codePointAt(pos)));
    }
    out.add(new Token(kind, start, in.substring(start, pos)));
    return true;
  }

  private boolean identifier() {
    int start = pos;
    while (pos < in.length() && isAlphaNumeric(in.codePointAt(pos))) {
      pos += Character.charCount(in.codePointAt(pos));
    }
    if (!atTerminator()) {
      return error(pos, String.format("bad character U+%04X", in.codePointAt(pos)));
    }
    String w = in.substring(start, pos);
    Kind k = KEYWORDS.get(w);
    if (k != null) {
      out.add(new Token(k, start, w));
    } else if (w.equals("true") || w.equals("false")) {
      out.add(new Token(Kind.BOOL, start, w));
    } else {
      out.add(new Token(Kind.IDENTIFIER, start, w));
    }
    return true;
  }

  private boolean atTerminator() {
    if (pos >= in.length()) {
      return true;
    }
    char c = in.charAt(pos);
    if (isSpace(c)) {
      return true;
    }
    return switch (c) {
      case '.', ',', '|', ':', ')', '(' -> true;
      default -> in.startsWith("}}", pos);
    };
  }

  private boolean quote() {
    int start = pos;
    pos++;
    while (true) {
      if (pos >= in.length() || in.charAt(pos) == '\n') {
        return error(start, "unterminated quoted string");
      }
      char c = in.charAt(pos);
      if (c == '\\') {
        pos++;
        if (pos >= in.length() || in.charAt(pos) == '\n') {
          return error(start, "unterminated quoted string");
        }
      } else if (c == '"') {
        pos++;
        break;
      }
      pos++;
    }
    out.add(new Token(Kind.STRING, start, in.substring(start, pos)));
    return true;
  }

  private boolean charConstant() {
    int start = pos;
    pos++;
    while (true) {
      if (pos >= in.length() || in.charAt(pos) == '\n') {
        return error(start, "unterminated character constant");
      }
      char c = in.charAt(pos);
      if (c == '\\') {
        pos++;
        if (pos >= in.length() || in.charAt(pos) == '\n') {
          return error(start, "unterminated character constant");
        }
      } else if (c == '\'') {
        pos++;
        break;
      }
      pos++;
    }
    out.add(new Token(Kind.CHAR_CONSTANT, start, in.substring(start, pos)));
    return true;
  }

  private boolean number() {
    int start = pos;
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (pos < in.length() && isAlphaNumeric(in.codePointAt(pos))) {
      pos++;
      return error(start, "bad number syntax: \"" + in.substring(start, pos) + "\"");
    }
    out.add(new Token(Kind.NUMBER, start, in.substring(start, pos)));
    return true;
  }

  private boolean accept(String valid) {
    if (pos < in.length() && valid.indexOf(in.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  private void acceptRun(String valid) {
    while (pos < in.length() && valid.indexOf(in.charAt(pos)) >= 0) {
      pos++;
    }
  }
}
