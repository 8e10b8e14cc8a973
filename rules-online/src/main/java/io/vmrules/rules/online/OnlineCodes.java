package io.vmrules.rules.online;

/** The codes of the online checks (design §10). */
public final class OnlineCodes {
  /** A selector matches no series in the lookback. */
  public static final String SERIES_MISSING = "online.series-missing";

  /** Both sides of a binary operation have series, but no pair matches. */
  public static final String VECTOR_MATCHING = "online.vector-matching";

  /** A template uses {@code $labels.X} and the expression's result has no {@code X}. */
  public static final String TEMPLATE_LABEL = "online.template-label";

  /** The rule would produce more alerts than the limit, now or over the lookback. */
  public static final String ALERTS_COUNT = "online.alerts-count";

  /** The query reads more series than the limit, or the datasource refused or timed it out. */
  public static final String QUERY_COST = "online.query-cost";

  /** The datasource cannot be reached or refuses every question: one finding, exit 2. */
  public static final String UNREACHABLE = "online.unreachable";

  private OnlineCodes() {}
}
