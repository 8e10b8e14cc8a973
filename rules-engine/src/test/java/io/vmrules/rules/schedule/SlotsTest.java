package io.vmrules.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void phaseIsStableForTheSameGroupIdentity() {
    assertThat(Slots.of("a.yml\0g", MINUTE, null)).isEqualTo(Slots.of("a.yml\0g", MINUTE, null));
    // pinned: a restart on another JVM keeps the same slots
    assertThat(Slots.fnv1a("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(Slots.fnv1a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
  }

  @Test
  void phasesSpreadOverTheInterval() {
    Set<Duration> phases = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Slots s = Slots.of("rules.yml\0group-" + i, MINUTE, null);
      assertThat(s.phase()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(MINUTE);
      phases.add(s.phase());
    }
    assertThat(phases.size()).isGreaterThan(90);
  }

  @Test
  void evalOffsetIsThePhase() {
    Slots s = Slots.of("x", MINUTE, Duration.ofSeconds(15));
    assertThat(s.phase()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.atOrAfter(Instant.parse("2026-01-01T00:00:20Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:01:15Z"));
    assertThat(s.atOrAfter(Instant.parse("2026-01-01T00:00:15Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:15Z"));
  }

  @Test
  void atOrAfterGivesASlotAtMostOneIntervalAway() {
    Slots s = Slots.of("rules.yml\0g", Duration.ofSeconds(10), null);
    Instant t = Instant.parse("2026-03-04T05:06:07.089Z");
    Instant next = s.atOrAfter(t);
    assertThat(s.contains(next)).isTrue();
    assertThat(next).isAfterOrEqualTo(t).isBefore(t.plusSeconds(10));
    assertThat(s.contains(next.plusSeconds(10))).isTrue();
    assertThat(s.contains(next.plusSeconds(5))).isFalse();
  }
}
