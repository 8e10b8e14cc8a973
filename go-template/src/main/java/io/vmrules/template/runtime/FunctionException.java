package io.vmrules.template.runtime;

/**
 * A template function's failure, e.g. {@code first} of an empty result. The renderer turns it into
 * a render error ({@code error calling first: …}); it carries no stack trace because it is the
 * template author's mistake, not a bug.
 */
public final class FunctionException extends RuntimeException {
  public FunctionException(String message) {
    super(message, null, false, false);
  }
}
