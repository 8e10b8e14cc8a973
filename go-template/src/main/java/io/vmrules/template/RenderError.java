package io.vmrules.template;

import java.util.Objects;

/**
 * Why a render failed. {@code line}/{@code column} locate the action that failed (1-based, 0 when
 * unknown, e.g. for a limit hit).
 */
public record RenderError(String message, int line, int column) {
  public RenderError {
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return line > 0 ? line + ":" + column + ": " + message : message;
  }
}
