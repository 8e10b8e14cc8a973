package io.vmrules.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest
  @CsvSource({
    "up, true, true",
    "http_requests_total, true, true",
    "_x, true, true",
    "job:rate5m:sum, true, false",
    ":tensorflow:serving:request_count, true, false",
    "a1, true, true",
    "1a, false, false",
    "a-b, false, false",
    "a.b, false, false",
    "é, false, false",
    "'', false, false",
  })
  void namesFollowPrometheusLegacySyntax(String name, boolean metric, boolean label) {
    assertThat(Names.isMetricName(name)).as("metric name %s", name).isEqualTo(metric);
    assertThat(Names.isLabelName(name)).as("label name %s", name).isEqualTo(label);
  }

  @Test
  void agreesWithPrometheusRegexesOnRandomNames() {
    Pattern metric = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    Pattern label = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    String alphabet = "aZ_:09.-é ";
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(5); n > 0; n--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertThat(Names.isMetricName(s)).as(s).isEqualTo(metric.matcher(s).matches());
      assertThat(Names.isLabelName(s)).as(s).isEqualTo(label.matcher(s).matches());
    }
  }
}
