package io.vmrules.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Quartz for real, with a short interval; waits with Awaitility, asserts slots not timings. */
class QuartzGroupSchedulerTest {
  private static GroupSpec spec(String name, Duration interval, Duration evalOffset) {
    SourcePosition pos = new SourcePosition("f", 1, 1);
    return new GroupSpec(
        "f",
        name,
        interval,
        0,
        1,
        evalOffset,
        null,
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        List.of(new RecordingRuleSpec("r", "x", Map.of(), pos)),
        pos);
  }

  @Test
  void evaluatesEachGroupAtConsecutiveSlotsOfItsPhase() {
    Duration interval = Duration.ofMillis(300);
    List<Instant> times = new CopyOnWriteArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    GroupEvaluator e =
        GroupEvaluator.builder(
                spec("g", interval, null),
                q -> {
                  maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                  times.add(q.time());
                  concurrent.decrementAndGet();
                  return new QueryResult.Vector(List.of());
                })
            .build();
    try (QuartzGroupScheduler s =
        new QuartzGroupScheduler(2, 5_000, InstantSource.system(), EngineMetrics.NOOP)) {
      ScheduledGroup g = s.schedule(e);
      s.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> times.size() >= 3);
      Slots slots = g.slots();
      for (Instant t : times) {
        assertThat(slots.contains(t)).as("slot %s", t).isTrue();
      }
      assertThat(e.groupSnapshot().lastEvaluation()).isNotNull();
      assertThat(maxConcurrent.get()).isEqualTo(1);
    }
  }

  @Test
  void evalOffsetPinsTheSlotsAndUnscheduleStops() {
    Duration interval = Duration.ofMillis(400);
    List<Instant> times = new CopyOnWriteArrayList<>();
    GroupEvaluator e =
        GroupEvaluator.builder(
                spec("h", interval, Duration.ofMillis(100)),
                q -> {
                  times.add(q.time());
                  return new QueryResult.Vector(List.of());
                })
            .build();
    try (QuartzGroupScheduler s =
        new QuartzGroupScheduler(2, 5_000, InstantSource.system(), EngineMetrics.NOOP)) {
      s.schedule(e);
      s.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> times.size() >= 2);
      assertThat(times).allSatisfy(t -> assertThat(t.toEpochMilli() % 400).isEqualTo(100));
      s.unschedule(e.spec().key());
      assertThat(s.groups()).isEmpty();
    }
  }

  /** A RAM store that records, per completed slot, whether the job declined it. */
  public static final class RecordingStore extends org.quartz.simpl.RAMJobStore {
    static final List<Boolean> DECLINED = new CopyOnWriteArrayList<>();

    @Override
    public void triggeredJobComplete(
        org.quartz.spi.OperableTrigger trigger,
        org.quartz.JobDetail jobDetail,
        org.quartz.Trigger.CompletedExecutionInstruction instruction) {
      DECLINED.add(DeclinedSlots.take());
      super.triggeredJobComplete(trigger, jobDetail, instruction);
    }
  }

  @Test
  void aSlotLeftToEnginesWithNewerFilesIsMarkedDeclinedForTheJobStore() {
    RecordingStore.DECLINED.clear();
    java.util.concurrent.atomic.AtomicBoolean outdated =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    SharedGroupState shared =
        new SharedGroupState() {
          @Override
          public java.util.Optional<Shared> load(GroupEvaluator group) {
            return outdated.get()
                ? java.util.Optional.of(new Shared(null, List.of(), true, "newer"))
                : java.util.Optional.empty();
          }

          @Override
          public boolean store(
              GroupEvaluator group, io.vmrules.rules.eval.GroupEvaluation evaluation) {
            return true;
          }
        };
    GroupEvaluator e =
        GroupEvaluator.builder(
                spec("d", Duration.ofMillis(300), null), q -> new QueryResult.Vector(List.of()))
            .build();
    try (QuartzGroupScheduler s =
        new QuartzGroupScheduler(
            1,
            5_000,
            InstantSource.system(),
            EngineMetrics.NOOP,
            Map.of("org.quartz.jobStore.class", RecordingStore.class.getName()),
            shared)) {
      s.schedule(e);
      s.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> RecordingStore.DECLINED.size() >= 2);
      outdated.set(false); // this engine's files caught up: it evaluates, declines nothing
      int before = RecordingStore.DECLINED.size();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> RecordingStore.DECLINED.size() >= before + 3);
      List<Boolean> marks = List.copyOf(RecordingStore.DECLINED);
      assertThat(marks.subList(0, 2)).containsOnly(true);
      // the slot that raced the change may go either way; the later ones are evaluated
      assertThat(marks.subList(before + 1, marks.size())).containsOnly(false);
      assertThat(e.groupSnapshot().lastEvaluation()).isNotNull();
    }
  }
}
