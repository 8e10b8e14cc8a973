package io.vmrules.promql.parse;

import java.util.Locale;
import org.antlr.v4.runtime.TokenStream;

/**
 * Whether the tokens ahead are a fill modifier ({@code fill(}, {@code fill_left(}, {@code
 * fill_right(}): the grammar's predicate. Prometheus reads these words as keywords only before '(',
 * so that they stay metric names elsewhere.
 */
final class FillKeyword {
  private FillKeyword() {}

  static boolean at(TokenStream input) {
    if (input.LA(1) != PromQLLexer.IDENTIFIER || input.LA(2) != PromQLLexer.LEFT_PAREN) {
      return false;
    }
    String word = input.LT(1).getText().toLowerCase(Locale.ROOT);
    return word.equals("fill") || word.equals("fill_left") || word.equals("fill_right");
  }
}
