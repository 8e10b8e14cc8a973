package io.vmrules.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvaluationHistoryTest {
  private static EvaluationRecord at(int second) {
    Instant t = Instant.ofEpochSecond(second);
    return new EvaluationRecord(t, t, Duration.ofMillis(1), second, 0, 0, null);
  }

  @Test
  void keepsTheLatestTwentyNewestFirst() {
    EvaluationHistory h = EvaluationHistory.empty();
    for (int i = 1; i <= 45; i++) {
      h = h.plus(at(i));
    }
    assertThat(h.size()).isEqualTo(EvaluationHistory.CAPACITY);
    assertThat(h.newestFirst()).first().isEqualTo(at(45));
    assertThat(h.newestFirst()).last().isEqualTo(at(26));
  }

  @Test
  void anOlderHistoryIsNotChangedByAdding() {
    EvaluationHistory one = EvaluationHistory.empty().plus(at(1));
    EvaluationHistory two = one.plus(at(2));
    assertThat(one.newestFirst()).containsExactly(at(1));
    assertThat(two.newestFirst()).containsExactly(at(2), at(1));
  }

  @Test
  void groupEvaluationsFillEachRulesHistory() {
    var q = new io.vmrules.rules.testing.FakeQuerier();
    q.answer("up == 0", 0, Labels.of("job", "a"));
    q.fail("bad", "boom");
    var spec =
        io.vmrules.rules.testing.Specs.group(
            "g",
            io.vmrules.rules.testing.Specs.alert("A", "up == 0", Duration.ofMinutes(1)),
            io.vmrules.rules.testing.Specs.record("r", "bad"));
    GroupEvaluator g = GroupEvaluator.builder(spec, q).build();
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 25; i++) {
      g.evaluate(t0.plusSeconds(60L * i));
    }
    RuleSnapshot alert = g.snapshot().get(0);
    assertThat(alert.history().size()).isEqualTo(20);
    EvaluationRecord newest = alert.history().newestFirst().get(0);
    assertThat(newest.slot()).isEqualTo(t0.plusSeconds(60L * 24));
    assertThat(newest.firing()).isEqualTo(1);
    assertThat(newest.samples()).isEqualTo(1);
    EvaluationRecord failed = g.snapshot().get(1).history().newestFirst().get(0);
    assertThat(failed.error()).contains("boom");
  }
}
