package io.vmrules.template;

import java.util.Objects;

/**
 * A problem found in a template at parse/check time. {@code offset} is the character offset in the
 * template text (the caller maps it into the rule file); {@code line}/{@code column} are the same
 * place, 1-based, within the template.
 *
 * @param code stable code, one of the {@code TemplateError.*} constants
 * @param message what is wrong or what was expected
 */
public record TemplateError(String code, int offset, int line, int column, String message) {
  public static final String SYNTAX = "template.syntax";
  public static final String UNKNOWN_FUNCTION = "template.unknown-function";
  public static final String UNDEFINED_VARIABLE = "template.undefined-variable";
  public static final String ARITY = "template.arity";
  public static final String UNDEFINED_TEMPLATE = "template.undefined-template";

  public TemplateError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (offset < 0 || line < 1 || column < 1) {
      throw new IllegalArgumentException("offset is 0-based, line and column 1-based");
    }
  }

  @Override
  public String toString() {
    return line + ":" + column + ": " + message + " [" + code + "]";
  }
}
