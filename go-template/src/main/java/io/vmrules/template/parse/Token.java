package io.vmrules.template.parse;

/** One lexical item of a template; {@code pos} is the offset of its first character. */
record Token(Kind kind, int pos, String val) {
  enum Kind {
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    SPACE,
    LEFT_PAREN,
    RIGHT_PAREN,
    PIPE,
    DECLARE,
    ASSIGN,
    CHAR,
    FIELD,
    VARIABLE,
    IDENTIFIER,
    DOT,
    STRING,
    RAW_STRING,
    CHAR_CONSTANT,
    NUMBER,
    BOOL,
    NIL,
    BLOCK,
    BREAK,
    CONTINUE,
    DEFINE,
    ELSE,
    END,
    IF,
    RANGE,
    TEMPLATE,
    WITH,
    EOF,
    ERROR
  }

  /** How the parser names the token in "unexpected …" messages. */
  String describe() {
    return switch (kind) {
      case EOF -> "EOF";
      case ERROR -> val;
      case RIGHT_DELIM -> "\"}}\"";
      case LEFT_DELIM -> "\"{{\"";
      case SPACE -> "space";
      case TEXT -> "text";
      default -> isKeyword() ? "<" + val + ">" : "\"" + val + "\"";
    };
  }

  boolean isKeyword() {
    return switch (kind) {
      case BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH, NIL -> true;
      default -> false;
    };
  }
}
