package io.vmrules.promql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads table files of test cases: one case a line, tab-separated columns, the last column the
 * expression; a line starting with a tab continues the previous expression; {@code #} at the start
 * of a line is a comment. Public for the tests in sub-packages (the printer's golden test).
 */
public final class CaseFile {
  public record Case(List<String> columns, String expression, int lineNumber) {
    public String column(int i) {
      return columns.get(i);
    }

    @Override
    public String toString() {
      return String.join(" ", columns) + " «" + expression.replace("\n", "⏎") + "»";
    }
  }

  public static List<Case> read(String resource, int columnsBeforeExpression) {
    try (InputStream in = CaseFile.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Case> cases = new ArrayList<>();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("\t")) {
          Case last = cases.remove(cases.size() - 1);
          cases.add(
              new Case(
                  last.columns(), last.expression() + "\n" + line.substring(1), last.lineNumber()));
          continue;
        }
        String[] parts = line.split("\t", columnsBeforeExpression + 1);
        if (parts.length != columnsBeforeExpression + 1) {
          throw new IllegalStateException(
              resource
                  + ":"
                  + (i + 1)
                  + ": expected "
                  + (columnsBeforeExpression + 1)
                  + " columns");
        }
        cases.add(
            new Case(
                List.of(parts).subList(0, columnsBeforeExpression),
                parts[columnsBeforeExpression],
                i + 1));
      }
      return cases;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private CaseFile() {}
}
