package io.vmrules.rules.eval;

import java.util.Locale;

/** The state of one alert. */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING;

  /**
   * {@code inactive}, {@code pending} or {@code firing}, as the API and {@code ALERTS} spell it.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
