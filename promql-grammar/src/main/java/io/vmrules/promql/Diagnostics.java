package io.vmrules.promql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the diagnostics of one expression, computing positions from its text. At most {@link
 * #MAX} are kept, then one that counts the rest: each is printed with its source line, and a
 * machine-written expression can repeat one mistake thousands of times (x[1m:][1m:]…).
 */
public final class Diagnostics {
  public static final int MAX = 100;

  private final LineMap lines;
  private final List<Diagnostic> items = new ArrayList<>();
  private int dropped;
  private boolean droppedError;

  public Diagnostics(String text) {
    this.lines = new LineMap(text);
  }

  public void error(String code, Span span, String message) {
    add(code, Severity.ERROR, span, message);
  }

  public void warning(String code, Span span, String message) {
    add(code, Severity.WARNING, span, message);
  }

  public void add(String code, Severity severity, Span span, String message) {
    if (items.size() >= MAX) {
      dropped++;
      droppedError |= severity == Severity.ERROR;
      return;
    }
    items.add(
        new Diagnostic(
            code, severity, span, lines.line(span.start()), lines.column(span.start()), message));
  }

  public boolean hasErrors() {
    if (droppedError) {
      return true;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isError()) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return items.size();
  }

  /** In source order; at one position, in the order found. */
  public List<Diagnostic> sorted() {
    if (items.isEmpty()) {
      return List.of(); // most expressions
    }
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
    if (dropped > 0) {
      Diagnostic last = copy.get(copy.size() - 1);
      copy.add(
          new Diagnostic(
              last.code(),
              droppedError ? Severity.ERROR : Severity.WARNING,
              last.span(),
              last.line(),
              last.column(),
              dropped + " more problems in this expression are not shown"));
    }
    return List.copyOf(copy);
  }
}
