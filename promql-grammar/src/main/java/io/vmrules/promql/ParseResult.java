package io.vmrules.promql;

import io.vmrules.promql.ast.Expr;
import java.util.List;

/**
 * The outcome of compiling one expression.
 *
 * @param expr the tree, or null when the text could not be parsed
 * @param type the value type, or null when unknown (syntax or type errors)
 * @param diagnostics every problem found, in source order
 */
public record ParseResult(Expr expr, ValueType type, List<Diagnostic> diagnostics) {
  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    for (Diagnostic d : diagnostics) { // a loop: asked once per expression, mostly on a cold JVM
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }
}
