package io.vmrules.rules.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded streaming reader of Prometheus API answers. */
class AnswerReaderTest {
  private static Answer read(String json, int keep, double currentFrom) throws IOException {
    return AnswerReader.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), keep, currentFrom, 0);
  }

  @Test
  void keepsAtMostTheBoundAndCountsTheRest() throws IOException {
    StringBuilder b =
        new StringBuilder(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < 1000; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"metric\":{\"__name__\":\"up\",\"i\":\"")
          .append(i)
          .append("\"},\"value\":[1,\"1\"]}");
    }
    b.append("]}}");
    Answer a = read(b.toString(), 3, Double.POSITIVE_INFINITY);
    assertThat(a.total()).isEqualTo(1000);
    assertThat(a.current()).isEqualTo(1000);
    assertThat(a.series()).hasSize(3);
    assertThat(a.series().get(2)).isEqualTo(Map.of("__name__", "up", "i", "2"));
    assertThat(a.complete()).isFalse();
  }

  @Test
  void aScalarIsOneValueWhateverTheOrderOfTheKeys() throws IOException {
    Answer a =
        read(
            "{\"data\":{\"result\":[1,\"2\"],\"resultType\":\"scalar\"},\"status\":\"success\"}",
            5,
            0);
    assertThat(a.total()).isEqualTo(1);
    assertThat(a.series()).isEmpty();
  }

  @Test
  void labelValuesAreStrings() throws IOException {
    Answer a = read("{\"status\":\"success\",\"data\":[\"a\",\"b\",\"c\"]}", 2, 0);
    assertThat(a.values()).containsExactly("a", "b");
    assertThat(a.total()).isEqualTo(3);
  }

  @Test
  void aMatrixSeriesIsCurrentWhenItsLastSampleIsAtTheLastStep() throws IOException {
    String json =
        "{\"data\":{\"result\":[{\"values\":[[100,\"1\"],[130,\"1\"]],\"metric\":{\"a\":\"1\"}},"
            + "{\"metric\":{\"a\":\"2\"},\"values\":[[100,\"1\"]]}],\"resultType\":\"matrix\"},"
            + "\"status\":\"success\"}";
    Answer a = read(json, 10, 115);
    assertThat(a.total()).isEqualTo(2);
    assertThat(a.current()).isEqualTo(1);
    assertThat(a.series()).hasSize(2);
  }

  @Test
  void seriesFetchedAreSummedFromVictoriaMetricsTrace() throws IOException {
    String json =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},"
            + "\"trace\":{\"message\":\"q\",\"children\":[{\"message\":\"fetch unique series=7, blocks=1\"},"
            + "{\"message\":\"x\",\"children\":[{\"message\":\"fetch unique series=5, blocks=2\"}]}]}}";
    assertThat(read(json, 0, 0).seriesFetched()).isEqualTo(12);
    assertThat(read("{\"status\":\"success\",\"data\":[]}", 0, 0).seriesFetched()).isEqualTo(-1);
  }

  @Test
  void anErrorAnswerSaysWhatTheDatasourceSaid() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"status\":\"error\",\"errorType\":\"422\",\"error\":\"unknown func foo\"}",
                    1,
                    0))
        .isInstanceOf(AnswerReader.ErrorAnswer.class)
        .hasMessage("422: unknown func foo");
  }
}
