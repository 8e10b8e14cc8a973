package io.vmrules.template.parse;

/**
 * A problem found while parsing, at an offset in the template text. {@code kind} says which: syntax
 * problems stop the parse; unknown names are collected and parsing goes on.
 */
public record ParseProblem(Kind kind, int offset, String message) {
  public enum Kind {
    SYNTAX,
    UNKNOWN_FUNCTION,
    UNDEFINED_VARIABLE
  }
}
