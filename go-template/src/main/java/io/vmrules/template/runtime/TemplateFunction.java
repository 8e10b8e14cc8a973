package io.vmrules.template.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A function templates can call: its name, how many arguments it takes ({@code maxArgs} -1 for
 * variadic) and its body. A pipeline's previous value is passed as the last argument, as in Go.
 */
public record TemplateFunction(String name, int minArgs, int maxArgs, Body body) {
  /** The function body; throws {@link FunctionException} for a failure the author caused. */
  @FunctionalInterface
  public interface Body {
    Object call(FunctionContext ctx, List<Object> args);
  }

  public TemplateFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    if (minArgs < 0 || (maxArgs >= 0 && maxArgs < minArgs)) {
      throw new IllegalArgumentException("bad arity for " + name);
    }
  }

  public static TemplateFunction fixed(String name, int args, Body body) {
    return new TemplateFunction(name, args, args, body);
  }

  public static TemplateFunction variadic(String name, int minArgs, Body body) {
    return new TemplateFunction(name, minArgs, -1, body);
  }

  /** Go's message for a wrong count, or null when {@code n} arguments are fine. */
  public String arityProblem(int n) {
    if (maxArgs >= 0 && minArgs == maxArgs && n != minArgs) {
      return "wrong number of args for " + name + ": want " + minArgs + " got " + n;
    }
    if (n < minArgs) {
      return "wrong number of args for " + name + ": want at least " + minArgs + " got " + n;
    }
    if (maxArgs >= 0 && n > maxArgs) {
      return "wrong number of args for " + name + ": want at most " + maxArgs + " got " + n;
    }
    return null;
  }
}
