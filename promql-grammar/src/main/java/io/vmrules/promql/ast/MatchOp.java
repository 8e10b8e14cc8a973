package io.vmrules.promql.ast;

/** Label matcher operators. */
public enum MatchOp {
  EQ("="),
  NE("!="),
  RE("=~"),
  NRE("!~");

  private final String symbol;

  MatchOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean isRegex() {
    return this == RE || this == NRE;
  }
}
