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
  private final List<Boolean> outdatedFlags = new CopyOnWriteArrayList<>();
  private final List<String> timedOps = new CopyOnWriteArrayList<>();

  private ScheduledGroup group() {
    return group(SharedGroupState.NONE);
  }

  private ScheduledGroup group(SharedGroupState shared) {
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
            .instanceId("a")
            .build();
    EngineMetrics m =
        new EngineMetrics() {
          @Override
          public void iterationsMissed(String group, long count) {
            missed.addAndGet(count);
          }

          @Override
          public void groupOutdated(String group, boolean isOutdated) {
            outdatedFlags.add(isOutdated);
          }

          @Override
          public void sharedStateTimed(String op, Duration took) {
            timedOps.add(op);
          }
        };
    return new ScheduledGroup(e, new Slots(TEN, Duration.ZERO), m, shared);
  }

  /** A cluster's state as a test sets it; counts the stores. */
  private static final class FakeShared implements SharedGroupState {
    volatile SharedGroupState.Shared next;
    final List<Instant> stored = new CopyOnWriteArrayList<>();

    @Override
    public java.util.Optional<Shared> load(GroupEvaluator group) {
      return java.util.Optional.ofNullable(next);
    }

    @Override
    public boolean store(GroupEvaluator group, io.vmrules.rules.eval.GroupEvaluation evaluation) {
      stored.add(evaluation.slot());
      return true;
    }
  }

  @Test
  void inAClusterTheLastSlotAnyEngineEvaluatedCountsForMissesAndItsResultIsStored() {
    FakeShared shared = new FakeShared();
    ScheduledGroup g = group(shared);
    // another engine evaluated up to T0+20s: this engine's slot at T0+30s misses nothing
    shared.next =
        new SharedGroupState.Shared(
            T0.plusSeconds(20), List.of(io.vmrules.rules.eval.AlertRuleState.empty()), false, "b");
    assertThat(g.run(T0.plusSeconds(30), T0.plusSeconds(30))).isTrue();
    assertThat(g.missed()).isZero();
    assertThat(shared.stored).containsExactly(T0.plusSeconds(30));
    // a slot another engine already evaluated is not evaluated again
    shared.next =
        new SharedGroupState.Shared(
            T0.plusSeconds(40), List.of(io.vmrules.rules.eval.AlertRuleState.empty()), false, "b");
    assertThat(g.run(T0.plusSeconds(40), T0.plusSeconds(40))).isFalse();
  }

  @Test
  void theApiNamesTheEngineThatEvaluatedLastAndTheStoresReadsAndWritesAreTimed() {
    FakeShared shared = new FakeShared();
    ScheduledGroup g = group(shared);
    assertThat(g.run(T0, T0)).isTrue();
    assertThat(g.evaluator().groupSnapshot().lastEvaluator()).isEqualTo("a");
    shared.next =
        new SharedGroupState.Shared(
            T0.plusSeconds(10), List.of(io.vmrules.rules.eval.AlertRuleState.empty()), false, "b");
    assertThat(g.refresh()).isTrue();
    assertThat(g.evaluator().groupSnapshot().lastEvaluator()).isEqualTo("b");
    assertThat(timedOps).containsExactly("load", "store", "load");
    // a single engine has nothing to time
    ScheduledGroup alone = group();
    alone.run(T0, T0);
    assertThat(timedOps).hasSize(3);
  }

  @Test
  void anEngineWithOlderRuleFilesLeavesTheGroupToTheOthers() {
    FakeShared shared = new FakeShared();
    ScheduledGroup g = group(shared);
    shared.next = new SharedGroupState.Shared(T0, List.of(), true, "b");
    assertThat(g.run(T0.plusSeconds(10), T0.plusSeconds(10))).isFalse();
    assertThat(queried).isEmpty();
    assertThat(shared.stored).isEmpty();
    assertThat(g.outdated()).isTrue(); // /-/ready says so
    shared.next = null; // its files caught up (or nothing is stored)
    assertThat(g.run(T0.plusSeconds(20), T0.plusSeconds(20))).isTrue();
    assertThat(g.outdated()).isFalse();
    assertThat(shared.stored).containsExactly(T0.plusSeconds(20));
    assertThat(outdatedFlags).containsExactly(true, false); // vmrules_cluster_group_outdated
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
