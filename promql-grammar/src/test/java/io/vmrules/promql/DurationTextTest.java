package io.vmrules.promql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Duration strings as Prometheus (promtool 2.42) and vmalert (1.79) read them; each row was checked
 * against those tools, and {@code DurationConformanceIT} checks them again. An empty expected value
 * means the tool rejects the text.
 */
class DurationTextTest {
  @ParameterizedTest(name = "prometheus \"{0}\" = {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "0|0",
        "00|-",
        "0s|0",
        "000ms|0",
        "5m|300000",
        "1h30m|5400000",
        "90s|90000",
        "1y2w|32745600000",
        "5ms|5",
        "1m5ms|60005",
        "1s5ms|1005",
        "01m|60000",
        "1y1y|-",
        "1m1h|-",
        "5ms1s|-",
        "1.5m|-",
        "5|-",
        "-5m|-",
        "5M|-",
        "' 5m'|-",
        "5mi|-",
        "292y|9208512000000",
        "293y|-",
        "106751d|9223286400000",
        "106752d|-",
        "9223372036854ms|9223372036854",
        "9223372036855ms|-",
        "99999999999999999999y|-",
      })
  void prometheus(String text, Long millis) {
    DurationText d = DurationText.prometheus(text);
    assertThat(d.ok() ? Long.valueOf(d.millis()) : null).isEqualTo(millis);
    assertThat(d.ok() || !d.error().isBlank()).isTrue();
  }

  @ParameterizedTest(name = "vmalert \"{0}\" = {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "5|5000",
        "1.5|1500",
        "-5|-5000",
        "1e3|1000000",
        "+5|5000",
        "1.|1000",
        ".5|500",
        "1_0|10000",
        "-0|0",
        "nan|0",
        "inf|9223372036854775807",
        "Inf|9223372036854775807",
        "1e400|-",
        "0x10|-",
        "0x1p4|16000",
        "5i|0",
        "0.5s|500",
        "5m|300000",
        "5ms|5",
        "1y|31536000000",
        "1000y|31536000000000",
        "1h1m|3660000",
        "1m1h|3660000",
        "-1.5h|-5400000",
        "1h-5m|3300000",
        "1h-5m10s|3290000",
        "-.5m|-30000",
        "5.m|300000",
        ".5m|-",
        "5M|-",
        "5K|-",
        "5S|-",
        "5H|-",
        "5I|-",
        "1h30|-",
        "30m1|-",
        "+5m|-",
        "5mi|-",
        "'5 m'|-",
        "1_000s|-",
        "5.5.5|-",
        "99999999999999999999y|-",
        "''|-",
      })
  void vmalert(String text, Long millis) {
    DurationText d = DurationText.vmalert(text);
    assertThat(d.ok() ? Long.valueOf(d.millis()) : null).isEqualTo(millis);
  }
}
