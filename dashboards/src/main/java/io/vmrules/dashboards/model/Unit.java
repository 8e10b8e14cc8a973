package io.vmrules.dashboards.model;

import java.util.Set;

/**
 * Grafana unit ids we use. Every id here is in Grafana's unit list ({@code units.jsonschema.json};
 * a test keeps them in step), so a panel whose unit is not one of these is a generation error.
 */
public final class Unit {
  private Unit() {}

  public static final String NONE = "none";
  public static final String SHORT = "short";
  public static final String PERCENT_UNIT = "percentunit";
  public static final String PERCENT = "percent";
  public static final String BYTES = "bytes";
  public static final String BYTES_PER_SEC = "binBps";
  public static final String SECONDS = "s";
  public static final String MILLISECONDS = "ms";
  public static final String DURATION_SECONDS = "dtdurations";
  public static final String ROWS_PER_SEC = "rowsps";
  public static final String REQUESTS_PER_SEC = "reqps";
  public static final String OPS_PER_SEC = "ops";
  public static final String COUNTS_PER_SEC = "cps";
  public static final String BOOL_ON_OFF = "bool_on_off";
  public static final String DATE_FROM_NOW = "dateTimeFromNow";

  public static final Set<String> KNOWN =
      Set.of(
          NONE,
          SHORT,
          PERCENT_UNIT,
          PERCENT,
          BYTES,
          BYTES_PER_SEC,
          SECONDS,
          MILLISECONDS,
          DURATION_SECONDS,
          ROWS_PER_SEC,
          REQUESTS_PER_SEC,
          OPS_PER_SEC,
          COUNTS_PER_SEC,
          BOOL_ON_OFF,
          DATE_FROM_NOW);

  /** A known id, or a custom {@code suffix:}/{@code prefix:} unit with a non-empty text. */
  public static boolean isValid(String unit) {
    if (unit == null || unit.isBlank()) {
      return false;
    }
    if (KNOWN.contains(unit)) {
      return true;
    }
    for (String custom : new String[] {"suffix:", "prefix:"}) {
      if (unit.startsWith(custom) && unit.length() > custom.length()) {
        return true;
      }
    }
    return false;
  }
}
