package io.vmrules.promql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one expression, computing positions from its text. */
public final class Diagnostics {
  private final LineMap lines;
  private final List<Diagnostic> items = new ArrayList<>();

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
    items.add(
        new Diagnostic(
            code, severity, span, lines.line(span.start()), lines.column(span.start()), message));
  }

  public boolean hasErrors() {
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
    return List.copyOf(copy);
  }
}
