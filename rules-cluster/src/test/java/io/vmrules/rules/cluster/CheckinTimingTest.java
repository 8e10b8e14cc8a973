package io.vmrules.rules.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckinTimingTest {
  @ParameterizedTest
  @ValueSource(longs = {1_000, 2_000, 5_000, 7_000})
  void quartzChecksInThreeTimesPerInterval(long checkinMillis) {
    long quartz = CheckinTiming.of(Duration.ofMillis(checkinMillis)).quartzCheckinMillis();

    assertThat(quartz).isEqualTo(checkinMillis / 3);
    assertThat(3 * quartz).isLessThanOrEqualTo(checkinMillis);
  }

  @Test
  void anEngineSilentForTwoQuartzCheckinsIsFailedAfterThat() {
    long i = 1_000;
    // the looking engine checked in one interval ago, as it does when nothing stalls it
    assertThat(CheckinTiming.failedIfAfter(10_000, i, i)).isEqualTo(12_000);
  }

  @Test
  void afterAPauseOfItsOwnAnEngineGivesTheOthersAsLong() {
    // it did not check in for 9 s (a long GC, a lost database): the others did not look silent
    // to it in that time, so none is failed before 9 s plus the grace after their last check-in
    assertThat(CheckinTiming.failedIfAfter(10_000, 1_000, 9_000)).isEqualTo(20_000);
  }

  @Test
  void theGraceIsNeverLongerThanQuartzs() {
    long i = CheckinTiming.of(Duration.ofMinutes(1)).quartzCheckinMillis();

    assertThat(CheckinTiming.failedIfAfter(0, i, i)).isEqualTo(i + 7_500);
  }

  /**
   * Check-in cycles played out: a survivor checking in every I at its own phase, an engine checking
   * in at another phase and dying at any moment. The survivor fails it within one
   * --cluster.checkinInterval of its death; a live engine whose check-ins come up to I/2 late is
   * never failed.
   */
  @ParameterizedTest
  @ValueSource(longs = {300, 1_000, 2_000, 5_000, 20_000})
  void aDeadEngineIsFailedWithinOneCheckinIntervalAndALiveOneNever(long checkinMillis) {
    long i = CheckinTiming.of(Duration.ofMillis(checkinMillis)).quartzCheckinMillis();
    Random random = new Random(checkinMillis);
    long worst = 0;
    for (int run = 0; run < 2_000; run++) {
      long survivorPhase = random.nextLong(i);
      long deadPhase = random.nextLong(i);
      long killedAt = 100 * i + random.nextLong(10 * i);
      long lastCheckin = killedAt - Math.floorMod(killedAt - deadPhase, i);
      long failedAt = -1;
      // from the survivor's first check-in after the kill
      for (long t = killedAt + Math.floorMod(survivorPhase - killedAt, i); failedAt < 0; t += i) {
        // the survivor's previous check-in was one interval before this one
        if (CheckinTiming.failedIfAfter(lastCheckin, i, i) < t) {
          failedAt = t;
        }
      }
      worst = Math.max(worst, failedAt - killedAt);
      assertThat(failedAt - killedAt).as("run %d", run).isLessThanOrEqualTo(checkinMillis);

      // alive instead, its next check-in up to I/2 late: not failed at any check-in before it
      long late = random.nextLong(i / 2);
      long lookedAt = lastCheckin + random.nextLong(i + late);
      assertThat(CheckinTiming.failedIfAfter(lastCheckin, i, i))
          .as("run %d", run)
          .isGreaterThanOrEqualTo(lookedAt);
    }
    // the bound is reached, not loose: some deaths right after a check-in take about C
    assertThat(worst).isGreaterThan(checkinMillis - i / 10);
  }
}
