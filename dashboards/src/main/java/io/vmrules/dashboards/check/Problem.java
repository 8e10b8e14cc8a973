package io.vmrules.dashboards.check;

import java.util.Objects;

/**
 * One thing wrong with a generated dashboard, with a stable code ({@code dashboard.query}, {@code
 * dashboard.rate-window}…), the dashboard uid and where inside it.
 */
public record Problem(String code, String dashboard, String where, String message) {
  public Problem {
    Objects.requireNonNull(code);
    Objects.requireNonNull(dashboard);
    Objects.requireNonNull(where);
    Objects.requireNonNull(message);
  }

  @Override
  public String toString() {
    return dashboard + ": " + where + ": " + message + " [" + code + "]";
  }
}
