package io.vmrules.template;

import java.util.Objects;

/**
 * A problem found in a template at parse/check time, with a 1-based position inside the template
 * text (the caller maps it into the rule file).
 *
 * @param code stable code, one of the {@code TemplateError.*} constants
 * @param line 1-based line inside the template text
 * @param column 1-based column (in UTF-16 chars) inside that line
 * @param message human readable message saying what is wrong or what was expected
 */
public record TemplateError(String code, int line, int column, String message) {
  public static final String SYNTAX = "template.syntax";
  public static final String UNKNOWN_FUNCTION = "template.unknown-function";
  public static final String UNDEFINED_VARIABLE = "template.undefined-variable";
  public static final String ARITY = "template.arity";
  public static final String UNDEFINED_TEMPLATE = "template.undefined-template";

  public TemplateError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based");
    }
  }

  @Override
  public String toString() {
    return line + ":" + column + ": " + message + " [" + code + "]";
  }
}
