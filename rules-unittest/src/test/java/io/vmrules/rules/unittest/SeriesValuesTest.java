package io.vmrules.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesValuesTest {
  /** Items written as promtool's documentation expands them: numbers, _ and stale. */
  private static String expand(String notation) throws Exception {
    List<String> out = new ArrayList<>();
    for (SeriesValues.Item item : SeriesValues.parse(notation)) {
      if (item instanceof SeriesValues.Value v) {
        out.add(Texts.number(v.value()));
      } else if (item instanceof SeriesValues.Missing) {
        out.add("_");
      } else {
        out.add("stale");
      }
    }
    return String.join(" ", out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the examples of promtool's documentation
        "-2+4x3            | -2 2 6 10",
        " 1-2x4            | 1 -1 -3 -5 -7",
        " 1x4              | 1 1 1 1 1",
        " 1 _x3 stale      | 1 _ _ _ stale",
        "1+1x10            | 1 2 3 4 5 6 7 8 9 10 11",
        "0+10x2 100 _ 5x0  | 0 10 20 100 _ 5",
        "_                 | _",
        "_x0               | ''",
        "1e3+1e3x2         | 1000 2000 3000",
        "1.5 -0.5 +3       | 1.5 -0.5 3",
        "Inf -Inf NaN      | +Inf -Inf NaN",
        "1+0.1x3           | 1 1.1 1.2000000000000002 1.3000000000000003",
      })
  void expandsAsPromtool(String notation, String expected) throws Exception {
    assertThat(expand(notation)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 2 x3       | 4 | cannot read \"x3\"",
        "1+2          | 0 | has an increment but no repetition",
        "1 abc        | 2 | cannot read \"abc\"",
        "1x99999999   | 2 | above 1000000",
        "_x99999999   | 2 | above 1000000",
        "1+1x3x4      | 0 | cannot read",
        "stale2       | 0 | cannot read",
      })
  void reportsWhereTheNotationBreaks(String notation, int offset, String message) {
    SeriesValues.NotationException e =
        assertThrows(SeriesValues.NotationException.class, () -> SeriesValues.parse(notation));
    assertThat(e.getMessage()).contains(message);
    assertThat(e.offset()).isEqualTo(offset);
  }
}
