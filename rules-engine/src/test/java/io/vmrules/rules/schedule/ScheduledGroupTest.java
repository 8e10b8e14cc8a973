package io.vmrules.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScheduledGroupTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TEN = Duration.ofSeconds(10);
  private final List<Instant> queried = new CopyOnWriteArrayList<>();
  private final AtomicLong missed = new AtomicLong();

  private ScheduledGroup group() {
    SourcePosition pos = new SourcePosition("f", 1, 1);
    GroupSpec spec =
        new GroupSpec(
            "f",
            "g",
            TEN,
            0,
            1,
            null,
            null,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            List.of(new RecordingRuleSpec("r", "x", Map.of(), pos)),
            pos);
    GroupEvaluator e =
        GroupEvaluator.builder(
                spec,
                q -> {
                  queried.add(q.time());
                  return new QueryResult.Vector(List.of());
                })
            .build();
    EngineMetrics m =
        new EngineMetrics() {
          @Override
          public void iterationsMissed(String group, long count) {
            missed.addAndGet(count);
          }
        };
    return new ScheduledGroup(e, new Slots(TEN, Duration.ZERO), m);
  }

  @Test
  void evaluatesAtTheSlotNotAtTheStartTime() {
    ScheduledGroup g = group();
    assertThat(g.run(T0, T0.plusMillis(900))).isTrue();
    assertThat(queried).containsExactly(T0);
  }

  @Test
  void gapsBetweenEvaluatedSlotsCountAsMissed() {
    ScheduledGroup g = group();
    g.run(T0, T0);
    g.run(T0.plusSeconds(10), T0.plusSeconds(10));
    g.run(T0.plusSeconds(40), T0.plusSeconds(40));
    assertThat(g.missed()).isEqualTo(2);
    assertThat(missed.get()).isEqualTo(2);
  }

  @Test
  void aSlotThatStartsAfterTheNextSlotIsSkippedNotBurst() {
    ScheduledGroup g = group();
    g.run(T0, T0);
    assertThat(g.run(T0.plusSeconds(10), T0.plusSeconds(20))).isFalse();
    assertThat(g.run(T0.plusSeconds(20), T0.plusSeconds(20))).isTrue();
    assertThat(queried).containsExactly(T0, T0.plusSeconds(20));
    assertThat(g.missed()).isEqualTo(1);
  }

  @Test
  void aSlotIsNeverEvaluatedTwiceOrBackwards() {
    ScheduledGroup g = group();
    g.run(T0.plusSeconds(10), T0.plusSeconds(10));
    assertThat(g.run(T0.plusSeconds(10), T0.plusSeconds(11))).isFalse();
    assertThat(g.run(T0, T0.plusSeconds(11))).isFalse();
    assertThat(new ArrayList<>(queried)).containsExactly(T0.plusSeconds(10));
  }
}
