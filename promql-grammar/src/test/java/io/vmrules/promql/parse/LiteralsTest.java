package io.vmrules.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Number and duration literals decode to what Java's own parser gives, shortcut or not. */
class LiteralsTest {
  @Test
  void decimalNumbersMatchDoubleParse() {
    Random random = new Random(5);
    String digits = "0123456789";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder().append((char) ('1' + random.nextInt(9)));
      for (int n = random.nextInt(20); n > 0; n--) {
        b.append(digits.charAt(random.nextInt(10)));
      }
      if (random.nextInt(4) == 0) {
        b.append('.').append(random.nextInt(1000));
      }
      if (random.nextInt(8) == 0) {
        b.append('e').append(random.nextInt(40) - 20);
      }
      String t = b.toString();
      assertThat(Literals.number(t).value()).as(t).isEqualTo(Double.parseDouble(t));
    }
  }

  @Test
  void durationPartsAddUp() {
    assertThat(Literals.duration("1h30m").millis()).isEqualTo(5_400_000);
    assertThat(Literals.duration("1.5h").millis()).isEqualTo(5_400_000);
    assertThat(Literals.duration("90s").millis()).isEqualTo(90_000);
    assertThat(Literals.duration("123456789012345678ms").millis())
        .isEqualTo(Math.round(123456789012345678.0));
  }
}
