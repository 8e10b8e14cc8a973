package io.vmrules.promql;

/**
 * A half-open range {@code [start, end)} of character offsets into the expression text.
 *
 * <p>Spans are positional metadata: any two spans are {@link #equals equal}, so AST records that
 * carry one compare equal regardless of where they came from (parse(print(x)) equals x). Use {@link
 * #sameRange} to compare the ranges themselves.
 */
public final class Span {
  public static final Span NONE = new Span(0, 0);

  private final int start;
  private final int end;

  public Span(int start, int end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
    }
    this.start = start;
    this.end = end;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public Span to(Span other) {
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }

  public boolean sameRange(Span other) {
    return start == other.start && end == other.end;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "[" + start + "," + end + ")";
  }
}
