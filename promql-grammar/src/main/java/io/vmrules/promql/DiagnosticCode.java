package io.vmrules.promql;

/** The stable diagnostic codes of the compiler. */
public final class DiagnosticCode {
  public static final String SYNTAX = "promql.syntax";
  public static final String UNKNOWN_FUNCTION = "promql.unknown-function";
  public static final String TYPE = "promql.type";
  public static final String ARITY = "promql.arity";
  public static final String METRICSQL_ONLY = "promql.metricsql-only";
  public static final String EMPTY_MATCHER = "promql.empty-matcher";
  public static final String REGEX = "promql.regex";
  public static final String DURATION = "promql.duration";
  public static final String TOO_COMPLEX = "promql.too-complex";
  public static final String EXPERIMENTAL = "promql.experimental-function";
  public static final String WITH_TEMPLATE = "promql.with-template";

  /** A query longer than VictoriaMetrics takes by default (a warning). */
  public static final String QUERY_LENGTH = "promql.query-length";

  /** Syntax that only recent versions of Prometheus or VictoriaMetrics read (a warning). */
  public static final String NEWER_SYNTAX = "promql.newer-syntax";

  /**
   * A label name in a string argument that Prometheus refuses when the query runs (a warning: the
   * rule loads, and every evaluation fails).
   */
  public static final String LABEL_NAME = "promql.label-name";

  private DiagnosticCode() {}
}
