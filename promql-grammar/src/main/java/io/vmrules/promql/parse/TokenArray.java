package io.vmrules.promql.parse;

import java.util.List;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The tokens of one expression as the fast parse reads them: a list, all on the default channel,
 * ending with EOF. ANTLR's {@code CommonTokenStream} walks the channels on every lookahead and
 * look-behind, and that was a third of the parse time; here {@code LT} is an index into an array (a
 * list's bounds check and cast on every lookahead were a tenth of the parse).
 */
final class TokenArray implements TokenStream {
  private final Token[] tokens;
  private final int last;
  private int p;

  TokenArray(List<Token> tokens) {
    this.tokens = tokens.toArray(new Token[0]);
    this.last = this.tokens.length - 1;
  }

  @Override
  public Token LT(int k) {
    if (k == 0) {
      return null;
    }
    if (k < 0) {
      return p + k < 0 ? null : tokens[p + k];
    }
    return tokens[Math.min(p + k - 1, last)];
  }

  @Override
  public int LA(int i) {
    if (i > 0) {
      return tokens[Math.min(p + i - 1, last)].getType();
    }
    Token t = LT(i);
    return t == null ? Token.INVALID_TYPE : t.getType();
  }

  @Override
  public void consume() {
    if (p == last) {
      throw new IllegalStateException("cannot consume EOF");
    }
    p++;
  }

  @Override
  public Token get(int index) {
    return tokens[index];
  }

  @Override
  public int index() {
    return p;
  }

  @Override
  public void seek(int index) {
    p = Math.min(Math.max(index, 0), last);
  }

  @Override
  public int size() {
    return tokens.length;
  }

  @Override
  public int mark() {
    return -1;
  }

  @Override
  public void release(int marker) {}

  @Override
  public TokenSource getTokenSource() {
    return new ListTokenSource(List.of(tokens));
  }

  @Override
  public String getSourceName() {
    return "expression";
  }

  @Override
  public String getText(Interval interval) {
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(0, interval.a); i <= Math.min(interval.b, last); i++) {
      if (tokens[i].getType() != Token.EOF) {
        out.append(tokens[i].getText());
      }
    }
    return out.toString();
  }

  @Override
  public String getText() {
    return getText(Interval.of(0, last));
  }

  @Override
  public String getText(RuleContext ctx) {
    return ctx.getText();
  }

  @Override
  public String getText(Token start, Token stop) {
    return start == null || stop == null
        ? ""
        : getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
  }
}
