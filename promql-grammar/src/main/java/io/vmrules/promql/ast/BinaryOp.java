package io.vmrules.promql.ast;

import java.util.Locale;

/** Binary operators in precedence groups (higher binds tighter). */
public enum BinaryOp {
  OR("or", 1, Kind.SET),
  // MetricsQL: default, if, ifnot share the precedence of `and`/`unless` here; see grammar.
  DEFAULT("default", 1, Kind.METRICSQL),
  AND("and", 2, Kind.SET),
  UNLESS("unless", 2, Kind.SET),
  IF("if", 2, Kind.METRICSQL),
  IFNOT("ifnot", 2, Kind.METRICSQL),
  EQL("==", 3, Kind.COMPARISON),
  NEQ("!=", 3, Kind.COMPARISON),
  GTR(">", 3, Kind.COMPARISON),
  LSS("<", 3, Kind.COMPARISON),
  GTE(">=", 3, Kind.COMPARISON),
  LTE("<=", 3, Kind.COMPARISON),
  // Prometheus 3.11: trim a native histogram's observations above / below a threshold
  TRIM_UPPER("</", 3, Kind.HISTOGRAM),
  TRIM_LOWER(">/", 3, Kind.HISTOGRAM),
  ADD("+", 4, Kind.ARITHMETIC),
  SUB("-", 4, Kind.ARITHMETIC),
  MUL("*", 5, Kind.ARITHMETIC),
  DIV("/", 5, Kind.ARITHMETIC),
  MOD("%", 5, Kind.ARITHMETIC),
  ATAN2("atan2", 5, Kind.ARITHMETIC),
  POW("^", 6, Kind.ARITHMETIC);

  /** What kind of operator, for type rules. */
  public enum Kind {
    ARITHMETIC,
    COMPARISON,
    SET,
    METRICSQL,
    /** Prometheus' native-histogram trim operators; VictoriaMetrics has none. */
    HISTOGRAM
  }

  private final String symbol;
  private final int precedence;
  private final Kind kind;

  BinaryOp(String symbol, int precedence, Kind kind) {
    this.symbol = symbol;
    this.precedence = precedence;
    this.kind = kind;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRightAssociative() {
    return this == POW;
  }

  public boolean isComparison() {
    return kind == Kind.COMPARISON;
  }

  public boolean isSetOperator() {
    return kind == Kind.SET;
  }

  /** {@code values()} copies the array on every call; this is read for every binary operation. */
  private static final BinaryOp[] ALL = values();

  public static BinaryOp fromSymbol(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    for (BinaryOp op : ALL) {
      if (op.symbol.equals(s)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown operator " + text);
  }
}
