package io.vmrules.rules.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.model.SourcePosition;
import io.vmrules.rules.reload.StaleSeriesMarker;
import io.vmrules.rules.schedule.SharedGroupState;
import io.vmrules.testsupport.PostgresProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster store against a real PostgreSQL: migrations, the state round trip, stale writers. */
class GroupStateStoreIT {
  private static final java.util.function.Predicate<String> NONE_ALIVE = id -> false;
  private static PostgresProcess pg;

  @BeforeAll
  static void start() throws Exception {
    pg = PostgresProcess.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private static ClusterDatabase open() {
    return ClusterDatabase.open(new ClusterDatabase.Settings(pg.jdbcUrl(), pg.user(), ""), 4);
  }

  @Test
  void enginesMigratingAtOnceLeaveOneSchemaWithQuartzTablesAndOurs() throws Exception {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    List<ClusterDatabase> dbs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ClusterDatabase db = open();
      dbs.add(db);
      starts.add(CompletableFuture.runAsync(db::migrate));
    }
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    try (Connection c = dbs.get(0).dataSource().getConnection();
        Statement s = c.createStatement()) {
      ResultSet r =
          s.executeQuery(
              "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'vmrules'"
                  + " AND (table_name LIKE 'qrtz_%' OR table_name LIKE 'vmrules_%')");
      r.next();
      // 11 Quartz tables, our two, Flyway's history
      assertThat(r.getInt(1)).isEqualTo(14);
      r = s.executeQuery("SELECT count(*) FROM vmrules_schema_history WHERE success");
      r.next();
      assertThat(r.getInt(1)).isEqualTo(7); // the schema creation and the six migrations, once each
    }
    dbs.get(1).migrate(); // a later start finds it current
    dbs.forEach(ClusterDatabase::close);
  }

  @Test
  void stateRoundTripsAndAStaleWriterIsRefused() {
    try (ClusterDatabase db = open()) {
      db.migrate();
      GroupStateStore store = new GroupStateStore(db.dataSource());
      String key = "rules.yml\u0000api";
      assertThat(store.load(key)).isEmpty();
      Labels labels = Labels.of("alertname", "Down", "instance", "a:1");
      Alert firing =
          new Alert(
              labels,
              Map.of("summary", "a:1 is down"),
              AlertState.FIRING,
              Double.NaN,
              Instant.ofEpochMilli(1_700_000_000_123L),
              Instant.ofEpochMilli(1_700_000_180_123L),
              null,
              null,
              Instant.ofEpochMilli(1_700_000_240_123L));
      Map<String, AlertRuleState> rules =
          Map.of("Down", new AlertRuleState(Map.of(labels, firing)));
      Instant slot = Instant.ofEpochMilli(1_700_000_240_123L);

      assertThat(store.save(key, 0, slot, "engine-a", rules)).contains(1L);
      // a second engine that also read "nothing stored" loses
      assertThat(store.save(key, 0, slot, "engine-b", Map.of())).isEmpty();

      GroupStateStore.Stored stored = store.load(key).orElseThrow();
      assertThat(stored.version()).isEqualTo(1);
      assertThat(stored.engine()).isEqualTo("engine-a");
      assertThat(stored.lastSlot()).isEqualTo(slot);
      Alert back = stored.rules().get("Down").get(labels);
      assertThat(back).usingRecursiveComparison().ignoringFields("value").isEqualTo(firing);
      assertThat(back.value()).isNaN();

      // engine b read version 1 and writes; engine a, still holding version 1, is refused
      assertThat(store.save(key, 1, slot.plusSeconds(60), "engine-b", rules)).contains(2L);
      assertThat(store.save(key, 1, slot.plusSeconds(60), "engine-a", Map.of())).isEmpty();
      assertThat(store.load(key).map(GroupStateStore.Stored::engine))
          .isEqualTo(Optional.of("engine-b"));
    }
  }

  private static GroupSpec group(String expr) {
    return group("drift", expr);
  }

  /** Group {@code name} of one alert "A" on {@code expr}. */
  private static GroupSpec group(String name, String expr) {
    return group(
        name,
        new AlertingRuleSpec(
            "A",
            expr,
            java.time.Duration.ZERO,
            java.time.Duration.ZERO,
            Map.of(),
            Map.of(),
            new SourcePosition("rules.yml", 5, 9)),
        new SourcePosition("rules.yml", 2, 5));
  }

  /** A group of one rule in rules.yml at 10 s, without limits, labels or parameters. */
  private static GroupSpec group(String name, RuleSpec rule, SourcePosition at) {
    return new GroupSpec(
        "rules.yml",
        name,
        java.time.Duration.ofSeconds(10),
        0,
        1,
        null,
        null,
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        List.of(rule),
        at);
  }

  private static GroupEvaluator evaluator(GroupSpec spec) {
    return GroupEvaluator.builder(spec, q -> new QueryResult.Vector(List.of())).build();
  }

  @Test
  void theMostRecentlyLoadedRulesRunAGroupAndOlderOnesLeaveIt() {
    try (ClusterDatabase db = open()) {
      db.migrate();
      GroupStateStore store = new GroupStateStore(db.dataSource());
      Instant t0 = Instant.parse("2026-12-04T00:00:00Z");
      ClusterSharedState a = new ClusterSharedState(store, "a", NONE_ALIVE, () -> t0);
      ClusterSharedState b =
          new ClusterSharedState(store, "b", NONE_ALIVE, () -> t0.plusSeconds(60));
      GroupEvaluator old = evaluator(group("up == 0"));
      GroupEvaluator edited = evaluator(group("up == 1"));
      assertThat(ClusterSharedState.groupHash(old.spec()))
          .isNotEqualTo(ClusterSharedState.groupHash(edited.spec()))
          .isEqualTo(ClusterSharedState.groupHash(group("up == 0")));

      assertThat(a.load(old)).isEmpty();
      assertThat(a.store(old, old.evaluate(t0.plusSeconds(10)))).isTrue();
      // b loaded its edited files later: it takes the group over
      assertThat(b.load(edited))
          .get()
          .extracting(SharedGroupState.Shared::newerRules)
          .isEqualTo(false);
      assertThat(b.store(edited, edited.evaluate(t0.plusSeconds(70)))).isTrue();
      // a, with the older files, leaves it
      assertThat(a.load(old)).get().extracting(SharedGroupState.Shared::newerRules).isEqualTo(true);
      // the same rules on both: nobody is outdated
      ClusterSharedState c = new ClusterSharedState(store, "c", NONE_ALIVE, () -> t0);
      assertThat(c.load(evaluator(group("up == 1"))))
          .get()
          .extracting(SharedGroupState.Shared::newerRules)
          .isEqualTo(false);
    }
  }

  @Test
  void aGroupIsRemovedOnlyWhenNoOtherLiveEngineStillEvaluatesIt() throws Exception {
    try (ClusterDatabase db = open()) {
      db.migrate();
      GroupStateStore store = new GroupStateStore(db.dataSource());
      Instant t0 = Instant.parse("2026-12-04T00:00:00Z");
      ClusterMembers members = new ClusterMembers(db.dataSource(), () -> t0.plusSeconds(70));
      ClusterSharedState a = new ClusterSharedState(store, "a", members::alive, () -> t0);
      GroupEvaluator g = evaluator(group("removal", "up == 0"));
      String key = g.spec().key();
      a.load(g);
      assertThat(a.store(g, g.evaluate(t0.plusSeconds(10)))).isTrue();
      // b loaded files without the group after a loaded its own (or b has it under another path)
      ClusterSharedState b = new ClusterSharedState(store, "b", members::alive, () -> t0);
      Instant bLoaded = t0.plusSeconds(60);

      checkin(db, "a", t0.plusSeconds(69), 1000);
      assertThat(b.claimRemoved(key, bLoaded)).as("a lives and evaluated it last").isFalse();
      assertThat(store.load(key)).isPresent();

      checkin(db, "a", t0.plusSeconds(60), 1000);
      assertThat(b.claimRemoved(key, bLoaded)).as("a's check-ins stopped").isTrue();
      assertThat(store.load(key)).isEmpty();

      // an engine whose own reload dropped the group claims it though it is alive
      a.load(g);
      assertThat(a.store(g, g.evaluate(t0.plusSeconds(20)))).isTrue();
      checkin(db, "a", t0.plusSeconds(69), 1000);
      assertThat(a.claimRemoved(key, t0.plusSeconds(30))).isTrue();
    }
  }

  /** Writes an engine's Quartz check-in as Quartz does. */
  private static void checkin(ClusterDatabase db, String instance, Instant at, long intervalMillis)
      throws java.sql.SQLException {
    try (Connection c = db.dataSource().getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO qrtz_scheduler_state"
                    + " (sched_name, instance_name, last_checkin_time, checkin_interval)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (sched_name, instance_name)"
                    + " DO UPDATE SET last_checkin_time = excluded.last_checkin_time")) {
      s.setString(1, ClusterMode.SCHEDULER_NAME);
      s.setString(2, instance);
      s.setLong(3, at.toEpochMilli());
      s.setLong(4, intervalMillis);
      s.executeUpdate();
    }
  }

  /** One engine of a test cluster: its evaluator, staleness marker, what it wrote. */
  private record Engine(
      ClusterSharedState state,
      GroupEvaluator evaluator,
      List<Labels> answer,
      List<Sample> written) {
    static Engine of(GroupStateStore store, String id, Labels... answer) {
      List<Labels> answers = new java.util.concurrent.CopyOnWriteArrayList<>(answer);
      List<Sample> written = new java.util.concurrent.CopyOnWriteArrayList<>();
      StaleSeriesMarker marker = new StaleSeriesMarker(written::addAll);
      ClusterSharedState state = new ClusterSharedState(store, id, NONE_ALIVE);
      state.attach(marker);
      SourcePosition pos = new SourcePosition("rules.yml", 3, 9);
      GroupSpec spec = group("handover", new RecordingRuleSpec("r", "up", Map.of(), pos), pos);
      GroupEvaluator evaluator =
          GroupEvaluator.builder(
                  spec,
                  q ->
                      new QueryResult.Vector(
                          answers.stream().map(l -> new Sample(l, 1, 0)).toList()))
              .writer(written::addAll)
              .listener(marker)
              .instanceId(id)
              .build();
      return new Engine(state, evaluator, answers, written);
    }

    /** Takes the cluster's state if another engine stored it. */
    void load() {
      state.load(evaluator).ifPresent(s -> evaluator.restore(s.alerts(), s.evaluator()));
    }

    /** As a slot does: loads, evaluates, stores. */
    void run(Instant slot) {
      load();
      assertThat(state.store(evaluator, evaluator.evaluate(slot))).isTrue();
    }

    void answer(Labels... series) {
      answer.clear();
      answer.addAll(List.of(series));
    }

    List<String> staleMarked() {
      return written.stream()
          .filter(s -> StaleSeriesMarker.isStaleMarker(s.value()))
          .map(s -> s.labels().get("i"))
          .toList();
    }
  }

  @Test
  void theEngineThatTakesAGroupOverMarksTheSeriesThatVanishStaleOnceAndIsNamed() {
    try (ClusterDatabase db = open()) {
      db.migrate();
      GroupStateStore store = new GroupStateStore(db.dataSource());
      Instant t0 = Instant.parse("2026-12-04T01:00:00Z");
      Labels one = Labels.of("i", "1");
      Labels two = Labels.of("i", "2");
      Engine a = Engine.of(store, "a", one, two);
      Engine b = Engine.of(store, "b", one);
      a.run(t0);
      a.run(t0.plusSeconds(10)); // the same series: the stored ones are left as they are
      // a load skips the series when the caller holds that set (by fingerprint)
      String key = a.evaluator().spec().key();
      Labels r1 = one.with(Labels.METRIC_NAME, "r");
      Labels r2 = two.with(Labels.METRIC_NAME, "r");
      long both = io.vmrules.rules.reload.SeriesLedger.fingerprint(new Labels[] {r2, r1});
      assertThat(store.load(key, -1, both).orElseThrow().series()).isNull();
      assertThat(store.load(key, -1, both + 1).orElseThrow().series()).containsOnly(r1, r2);
      assertThat(a.evaluator().groupSnapshot().lastEvaluator()).isEqualTo("a");
      // b takes the group over: series 2, which only a wrote, vanished
      b.run(t0.plusSeconds(20));
      assertThat(b.staleMarked()).containsExactly("2");
      b.run(t0.plusSeconds(30));
      // a's API names b; a takes the group back with b's series, not its own stale memory of
      // series 2: nothing is marked twice
      a.load();
      assertThat(a.evaluator().groupSnapshot().lastEvaluator()).isEqualTo("b");
      a.answer(one);
      a.run(t0.plusSeconds(40));
      assertThat(a.staleMarked()).isEmpty();
      assertThat(b.staleMarked()).containsExactly("2");
      // a's series change is stored for the next engine: b marks series 1 stale when it vanishes
      a.answer(two);
      a.run(t0.plusSeconds(50));
      assertThat(a.staleMarked()).containsExactly("1");
      b.answer();
      b.run(t0.plusSeconds(60));
      assertThat(b.staleMarked()).containsExactly("2", "2");
    }
  }

  @Test
  void valuesAloneDoNotRewriteTheStateButEveryTransitionDoes() throws Exception {
    try (ClusterDatabase db = open()) {
      db.migrate();
      GroupStateStore store = new GroupStateStore(db.dataSource());
      Instant t0 = Instant.parse("2026-12-04T02:00:00Z");
      double[] value = {1};
      SourcePosition pos = new SourcePosition("rules.yml", 3, 9);
      GroupSpec spec =
          group(
              "values",
              new AlertingRuleSpec(
                  "High",
                  "up > 0",
                  java.time.Duration.ofSeconds(20),
                  java.time.Duration.ZERO,
                  Map.of(),
                  Map.of(),
                  pos),
              pos);
      GroupEvaluator a =
          GroupEvaluator.builder(
                  spec,
                  q ->
                      new QueryResult.Vector(List.of(new Sample(Labels.of("i", "1"), value[0], 0))))
              .build();
      ClusterSharedState state = new ClusterSharedState(store, "a", NONE_ALIVE, () -> t0);
      java.util.function.Supplier<String> stored =
          () -> {
            try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r =
                    s.executeQuery(
                        "SELECT state::text FROM vmrules_group_state WHERE group_key LIKE"
                            + " '%values'")) {
              r.next();
              return r.getString(1);
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          };
      state.load(a);
      assertThat(state.store(a, a.evaluate(t0))).isTrue();
      assertThat(stored.get()).contains("PENDING").contains("\"value\": \"1.0\"");
      value[0] = 2; // only the value changes: the stored document stays
      state.load(a);
      assertThat(state.store(a, a.evaluate(t0.plusSeconds(10)))).isTrue();
      assertThat(stored.get()).contains("PENDING").contains("\"value\": \"1.0\"");
      // pending → firing is rewritten, with the value of the time
      state.load(a);
      assertThat(state.store(a, a.evaluate(t0.plusSeconds(20)))).isTrue();
      assertThat(stored.get()).contains("FIRING").contains("\"value\": \"2.0\"");
      // another engine continues from the state and times: firing since t0, not again
      GroupEvaluator b =
          GroupEvaluator.builder(
                  spec, q -> new QueryResult.Vector(List.of(new Sample(Labels.of("i", "1"), 3, 0))))
              .build();
      ClusterSharedState bState = new ClusterSharedState(store, "b", NONE_ALIVE, () -> t0);
      bState.load(b).ifPresent(x -> b.restore(x.alerts(), x.evaluator()));
      b.evaluate(t0.plusSeconds(30));
      Alert alert = b.snapshot().get(0).alerts().all().iterator().next();
      assertThat(alert.state()).isEqualTo(AlertState.FIRING);
      assertThat(alert.activeAt()).isEqualTo(t0);
      assertThat(alert.firedAt()).isEqualTo(t0.plusSeconds(20));
    }
  }

  @Test
  void anUnreachableDatabaseIsOneClearErrorWithoutThePassword() {
    ClusterDatabase.Settings settings =
        new ClusterDatabase.Settings("jdbc:postgresql://127.0.0.1:1/x", "u", "s3cret");
    assertThat(settings.toString()).doesNotContain("s3cret");
    try (ClusterDatabase db = ClusterDatabase.open(settings, 1)) {
      ClusterStoreException e = assertThrows(ClusterStoreException.class, db::migrate);
      assertThat(e.getMessage()).startsWith("schema migration failed").doesNotContain("s3cret");
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClusterDatabase.Settings("jdbc:mysql://h/db?password=p", "u", "p"));
  }
}
