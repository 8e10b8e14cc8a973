package io.vmrules.rules.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.RangeSeries;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryResponseParserTest {
  private static List<RangeSeries> parse(String json) {
    return QueryResponseParser.parseRange(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsAMatrixWithKeysInAnyOrder() {
    List<RangeSeries> r =
        parse(
            """
        {"data":{"result":[{"values":[[1700000000,"1.5"],[1700000060.5,"+Inf"]],"metric":{"job":"a","__name__":"x"}},
                           {"metric":{},"values":[[1700000000,"NaN"]]}],"resultType":"matrix"},"status":"success"}
        """);
    assertThat(r).hasSize(2);
    assertThat(r.get(0).labels()).isEqualTo(Labels.of("__name__", "x", "job", "a"));
    assertThat(r.get(0).timestampsMillis()).containsExactly(1_700_000_000_000L, 1_700_000_060_500L);
    assertThat(r.get(0).values()).containsExactly(1.5, Double.POSITIVE_INFINITY);
    assertThat(r.get(1).labels()).isEqualTo(Labels.empty());
    assertThat(r.get(1).values()[0]).isNaN();
  }

  @Test
  void anEmptyMatrixIsNoSeries() {
    assertThat(parse("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
        .isEmpty();
  }

  @Test
  void anErrorAnswerIsAQueryException() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"))
        .isInstanceOf(QueryException.class)
        .hasMessage("bad_data: parse error");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"1\"]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
        "{\"status\":\"success\"}",
      })
  void anythingButAMatrixIsRefused(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(QueryException.class);
  }

  /** The buffer parser is held to Double.parseDouble, bit for bit, on generated decimals. */
  @Test
  void numbersParseExactlyAsDoubleParseDouble() {
    Random random = new Random(22);
    for (int n = 0; n < 200_000; n++) {
      String s =
          switch (n % 6) {
            case 0 -> Long.toString(random.nextLong() % 1_000_000_000_000L);
            case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(30) - 15));
            case 2 ->
                String.format(
                    "%." + random.nextInt(16) + "f",
                    random.nextDouble() * Math.pow(10, random.nextInt(12)));
            case 3 ->
                (random.nextBoolean() ? "-" : "")
                    + random.nextInt(100)
                    + "."
                    + "0".repeat(random.nextInt(25))
                    + random.nextInt(1000);
            case 4 ->
                random.nextInt(10)
                    + "."
                    + String.format("%019d", random.nextLong() & Long.MAX_VALUE)
                        .substring(0, 1 + random.nextInt(18));
            default -> Double.toString(Double.longBitsToDouble(random.nextLong()));
          };
      if (s.contains("NaN") || s.contains("Infinity")) {
        continue;
      }
      char[] padded = ("[\"" + s + "\"]").toCharArray();
      double fast = QueryResponseParser.number(padded, 2, s.length());
      assertThat(Double.doubleToRawLongBits(fast))
          .as(s)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }
  }
}
