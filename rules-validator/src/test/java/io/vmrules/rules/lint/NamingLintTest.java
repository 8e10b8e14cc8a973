package io.vmrules.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written level:metric:operations check against the regex that defines it. */
class NamingLintTest {
  private static final Pattern DEFINITION =
      Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]");

  @ParameterizedTest
  @CsvSource({
    "job:http_requests:rate5m, true", "instance_path:requests:rate5m, true", "a:b:c, true",
    "a:b:c:d, true", "a:b:c_1, true", "_a:_b:9, true", "a:b:, false", "a:b:c:, false", "a:b, false",
    "a::c, false", ":b:c, false", "1a:b:c, false", "a:1b:c, false", "a.b:c:d, false", "a:b:c-d, false",
  })
  void table(String name, boolean expected) {
    assertThat(NamingLint.isLevelMetricOperations(name)).isEqualTo(expected);
    assertThat(DEFINITION.matcher(name).matches()).isEqualTo(expected);
  }

  @Test
  void agreesWithTheRegexOnRandomNames() {
    Random random = new Random(3);
    String alphabet = "ab_Z09:.-";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(11); n > 0; n--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String name = b.toString();
      assertThat(NamingLint.isLevelMetricOperations(name)).as(name).isEqualTo(DEFINITION.matcher(name).matches());
    }
  }
}
