package io.vmrules.rules.eval;

import java.util.Locale;

/** The state of one alert. */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING;

  // One string per state: every ALERTS series of every evaluation holds one, and the series
  // written last are kept (for staleness markers): lower-casing per call kept 12k copies at 1k
  // rules.
  private final String label = name().toLowerCase(Locale.ROOT);

  /**
   * {@code inactive}, {@code pending} or {@code firing}, as the API and {@code ALERTS} spell it.
   */
  public String label() {
    return label;
  }
}
