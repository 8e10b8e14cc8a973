package io.vmrules.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replay over an in-memory datasource, from time zero at one minute, with explicit instants. */
class ReplayTest {
  private static final long MIN = 60_000;
  private static final Instant T0 = Instant.EPOCH;
  private static final Labels A = Labels.of("__name__", "x", "job", "a");
  private static final Labels B = Labels.of("__name__", "x", "job", "b");

  private static Instant minute(long m) {
    return T0.plusMillis(m * MIN);
  }

  private static GroupSpec group(RuleSpec... rules) {
    return Specs.group("replay.yml", "g", Duration.ofMinutes(1), rules);
  }

  private static Replay.Options range(Instant from, Instant to, int maxPoints) {
    return new Replay.Options(from, to, Duration.ofSeconds(1), maxPoints, 3);
  }

  private static ReplaySummary replay(
      InMemoryStore store, Replay.Options options, GroupSpec... groups) throws ReplayStopped {
    return Replay.builder(List.of(groups), store, store)
        .options(options)
        .sleeper(d -> {})
        .build()
        .run();
  }

  /** x{job=a} is minute m (so every point differs); x{job=b} exists in minutes [20, 40) only. */
  private static InMemoryStore store() {
    InMemoryStore s = new InMemoryStore();
    s.source(A, t -> (double) (t / MIN));
    s.source(B, t -> t >= 20 * MIN && t < 40 * MIN ? 1.0 : Double.NaN);
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 10, 1000})
  void everySlotIsWrittenOnceWhateverTheWindowSize(int maxPoints) throws Exception {
    InMemoryStore store = store();
    ReplaySummary summary =
        replay(store, range(minute(0), minute(60), maxPoints), group(Specs.record("r", "x")));
    List<Long> stamps = new ArrayList<>();
    for (Sample s : store.written) {
      if (s.labels().get("job").equals("a")) {
        stamps.add(s.timestampMillis());
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long m = 0; m <= 60; m++) {
      expected.add(m * MIN);
    }
    assertThat(stamps).isEqualTo(expected);
    assertThat(summary.rules().get(0).samplesWritten()).isEqualTo(61 + 20);
    assertThat(summary.complete()).isTrue();
  }

  @Test
  void slotsAreAlignedToTheIntervalWhateverFromSays() throws Exception {
    InMemoryStore store = store();
    replay(store, range(minute(3).plusSeconds(17), minute(6), 1000), group(Specs.record("r", "x")));
    assertThat(store.writtenLines("r"))
        .containsExactly(
            "{__name__=\"r\", job=\"a\"}@240000=4.0",
            "{__name__=\"r\", job=\"a\"}@300000=5.0",
            "{__name__=\"r\", job=\"a\"}@360000=6.0");
  }

  @Test
  void aLaterRuleReadsWhatAnEarlierOneWroteInTheSameWindow() throws Exception {
    InMemoryStore store = store();
    replay(
        store,
        range(minute(0), minute(30), 7),
        group(Specs.record("r", "x"), Specs.record("r2", "r * 2")));
    List<String> doubled = store.writtenLines("r2");
    assertThat(doubled).hasSize(31 + 11);
    assertThat(doubled).contains("{__name__=\"r2\", job=\"a\"}@1800000=60.0");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 1000})
  void alertStateCarriesAcrossWindows(int maxPoints) throws Exception {
    InMemoryStore store = store();
    ReplaySummary summary =
        replay(
            store,
            range(minute(0), minute(60), maxPoints),
            group(Specs.alert("BUp", "x > 0", Duration.ofMinutes(5))));
    Set<String> pending = new TreeSet<>();
    Set<String> firing = new TreeSet<>();
    for (Sample s : store.written) {
      if (s.metricName().equals("ALERTS") && "b".equals(s.labels().get("job"))) {
        (s.labels().get("alertstate").equals("firing") ? firing : pending)
            .add(String.valueOf(s.timestampMillis() / MIN));
      }
      if (s.metricName().equals("ALERTS_FOR_STATE") && "b".equals(s.labels().get("job"))) {
        assertThat(s.value()).isEqualTo(20 * 60.0);
      }
    }
    assertThat(pending).hasSize(5).contains("20", "24");
    assertThat(firing).hasSize(15).contains("25", "39");
    RuleSummary r = summary.rules().get(0);
    assertThat(r.firings())
        .isEqualTo(2); // job a fires at minute 6 (its value is 0 at minute 0), job b at 25
    assertThat(r.firstFirings()).containsExactly(minute(6), minute(25));
  }

  @Test
  void keepFiringForHoldsTheAlertAfterItsSeriesIsGone() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.source(B, t -> t >= 20 * MIN && t < 40 * MIN ? 1.0 : Double.NaN);
    replay(
        store,
        range(minute(0), minute(60), 4),
        group(
            Specs.alert(
                "BUp",
                "x > 0",
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                Map.of(),
                Map.of())));
    List<Long> firing = new ArrayList<>();
    for (Sample s : store.written) {
      if (s.metricName().equals("ALERTS") && s.labels().get("alertstate").equals("firing")) {
        firing.add(s.timestampMillis() / MIN);
      }
    }
    // the series stops at minute 40; the alert keeps firing for 10 minutes more
    assertThat(firing).contains(25L, 39L, 40L, 49L).doesNotContain(24L, 50L);
  }

  @Test
  void aQueryFailingEveryAttemptStopsAtTheWindowStartAndAResumeCompletesTheSameOutput()
      throws Exception {
    GroupSpec g = group(Specs.record("r", "x"), Specs.alert("BUp", "x > 0", Duration.ofMinutes(5)));
    InMemoryStore whole = store();
    replay(whole, range(minute(0), minute(60), 10), g);

    InMemoryStore broken = store();
    broken.failWhen = q -> q.expr().equals("x > 0") && !q.start().isBefore(minute(30));
    List<Duration> waits = new ArrayList<>();
    Replay first =
        Replay.builder(List.of(g), broken, broken)
            .options(range(minute(0), minute(60), 10))
            .sleeper(waits::add)
            .build();
    ReplayStopped stop =
        org.junit.jupiter.api.Assertions.assertThrows(ReplayStopped.class, first::run);
    assertThat(stop.resumeFrom()).isEqualTo(minute(30));
    assertThat(stop.getMessage()).contains("alert \"BUp\"", "failed 3 times", "injected failure");
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(stop.summary().complete()).isFalse();

    broken.failWhen = q -> false;
    replay(broken, range(stop.resumeFrom(), minute(60), 10), g);
    // alert state came back from ALERTS_FOR_STATE: the same alerts, the same activeAt
    assertThat(new TreeSet<>(broken.writtenLines("ALERTS")))
        .isEqualTo(new TreeSet<>(whole.writtenLines("ALERTS")));
    assertThat(broken.writtenLines("ALERTS_FOR_STATE"))
        .isEqualTo(whole.writtenLines("ALERTS_FOR_STATE"));
    assertThat(new TreeSet<>(broken.writtenLines("r")))
        .isEqualTo(new TreeSet<>(whole.writtenLines("r")));
    // the recording rule ran before the failing alert in the stopped window: not written again
    assertThat(broken.writtenLines("r")).isEqualTo(whole.writtenLines("r"));
    assertThat(broken.writtenLines("ALERTS")).isEqualTo(whole.writtenLines("ALERTS"));
  }

  /**
   * Recording rules skip stepping point by point when they can: held to stepping on random series
   * with gaps, rule labels that make series collide, and group limits.
   */
  @Test
  void recordingDirectlyWritesWhatSteppingWrites() throws Exception {
    Random random = new Random(22);
    for (int round = 0; round < 200; round++) {
      InMemoryStore direct = new InMemoryStore();
      InMemoryStore stepped = new InMemoryStore();
      int series = 1 + random.nextInt(5);
      for (int i = 0; i < series; i++) {
        Labels labels =
            Labels.of("__name__", "x", "job", "j" + random.nextInt(3), "instance", "i" + i);
        long seed = random.nextLong();
        double gaps = random.nextDouble();
        java.util.function.LongFunction<Double> f =
            t -> {
              Random r = new Random(seed ^ t);
              return r.nextDouble() < gaps * 0.5 ? Double.NaN : r.nextInt(1000) / 7.0;
            };
        direct.source(labels, f);
        stepped.source(labels, f);
      }
      Map<String, String> ruleLabels = random.nextBoolean() ? Map.of() : Map.of("instance", "all");
      int limit = random.nextInt(4);
      GroupSpec g =
          Specs.group(
              "g", Duration.ofMinutes(1), limit, 1, Map.of(), Specs.record("r", "x", ruleLabels));
      Replay.Options options =
          range(minute(random.nextInt(5)), minute(30 + random.nextInt(30)), 1 + random.nextInt(20));
      ReplaySummary a =
          Replay.builder(List.of(g), direct, direct)
              .options(options)
              .sleeper(d -> {})
              .build()
              .run();
      ReplaySummary b =
          Replay.builder(List.of(g), stepped, stepped)
              .options(options)
              .sleeper(d -> {})
              .directRecording(false)
              .build()
              .run();
      assertThat(new TreeSet<>(direct.writtenLines("r")))
          .as("round " + round)
          .isEqualTo(new TreeSet<>(stepped.writtenLines("r")));
      assertThat(direct.writtenLines("r")).hasSameSizeAs(stepped.writtenLines("r"));
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void reversedAndEmptyRangesAreRefused() {
    assertThatThrownBy(() -> range(minute(5), minute(1), 10))
        .hasMessageContaining("reversed range");
    assertThatThrownBy(() -> range(minute(5), minute(5), 10)).hasMessageContaining("empty range");
  }

  @Test
  void readsAreTheSelectorsMetricNames() {
    assertThat(Replay.readNames("sum(rate(a[5m])) / on() b", io.vmrules.promql.Dialect.METRICSQL))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(Replay.readNames("{job=\"x\"}", io.vmrules.promql.Dialect.METRICSQL)).isNull();
  }
}
