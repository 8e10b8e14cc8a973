package io.vmrules.template;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a render. On failure {@code output} is the raw template text (as Prometheus falls
 * back to it) and {@code error} says why.
 */
public record RenderResult(String output, Optional<RenderError> error) {
  public RenderResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(error, "error");
  }

  public static RenderResult ok(String output) {
    return new RenderResult(output, Optional.empty());
  }

  public static RenderResult failed(String fallback, RenderError error) {
    return new RenderResult(fallback, Optional.of(error));
  }

  public boolean isOk() {
    return error.isEmpty();
  }
}
