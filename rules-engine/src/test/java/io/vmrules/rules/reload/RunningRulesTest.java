package io.vmrules.rules.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.EngineMetrics;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.notify.AlertDispatcher;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.RecordingNotifier;
import io.vmrules.rules.validate.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningRulesTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  private static final String NODE =
      """
      groups:
        - name: node
          interval: 1m
          rules:
            - alert: Down
              expr: up == 0
              for: 2m
            - record: job:up:sum
              expr: sum by (job) (up)
      """;
  private static final String DB =
      """
      groups:
        - name: db
          rules:
            - alert: DbDown
              expr: pg_up == 0
      """;

  @TempDir Path dir;
  private final FakeQuerier querier = new FakeQuerier();
  private final List<String> scheduled = new CopyOnWriteArrayList<>();
  private final List<String> unscheduled = new CopyOnWriteArrayList<>();
  private final List<Boolean> reloadsCounted = new CopyOnWriteArrayList<>();
  private final List<Sample> written = new CopyOnWriteArrayList<>();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final AlertDispatcher dispatcher =
      new AlertDispatcher(notifier, Duration.ofMinutes(1), "");
  private final StaleSeriesMarker stale = new StaleSeriesMarker(written::addAll);
  private RunningRules rules;

  @BeforeEach
  void setUp() throws Exception {
    write("node.yml", NODE);
    write("db.yml", DB);
    querier.answer("up == 0", 0, Labels.of("instance", "a"));
    querier.answer("sum by (job) (up)", 2, Labels.of("job", "api"));
    querier.answer("pg_up == 0", 0, Labels.of("instance", "pg"));
    EngineMetrics metrics =
        new EngineMetrics() {
          @Override
          public void configReloaded(boolean success, Instant at) {
            reloadsCounted.add(success);
          }
        };
    RuleFiles files =
        new RuleFiles(List.of(dir.toString()), Validation.Options.of(Dialect.METRICSQL));
    RunningRules.GroupFactory factory =
        (spec, initial) ->
            GroupEvaluator.builder(spec, querier)
                .initialAlerts(initial)
                .writer(written::addAll)
                .listener(
                    (g, ev) -> {
                      dispatcher.evaluated(g, ev);
                      stale.evaluated(g, ev);
                    })
                .build();
    RunningRules.Schedule schedule =
        new RunningRules.Schedule() {
          @Override
          public void schedule(GroupEvaluator evaluator) {
            scheduled.add(evaluator.spec().name());
          }

          @Override
          public void unschedule(String groupKey) {
            unscheduled.add(groupKey);
          }
        };
    RunningRules.RemovedGroups removed =
        (last, at) -> {
          dispatcher.groupRemoved(last.spec(), at);
          stale.removed(last, at);
        };
    rules = new RunningRules(files, factory, schedule, removed, metrics, InstantSource.fixed(T0));
    RuleFiles.Loaded loaded = files.load();
    assertThat(loaded).isInstanceOf(RuleFiles.Loaded.Valid.class);
    rules.start(((RuleFiles.Loaded.Valid) loaded).groups(), g -> r -> AlertRuleState.empty());
    scheduled.clear();
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }

  private GroupEvaluator group(String name) {
    return rules.groups().values().stream()
        .filter(g -> g.spec().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private void evaluateAll(Instant at) {
    for (GroupEvaluator ev : rules.groups().values()) {
      ev.evaluate(at);
    }
  }

  private Alert downAlert() {
    GroupSnapshot s = group("node").groupSnapshot();
    return s.rules().get(0).alerts().all().stream().findFirst().orElse(null);
  }

  @Test
  void brokenFileKeepsTheRunningRulesAndAnswersTheErrors() throws Exception {
    GroupEvaluator before = group("node");
    write("node.yml", NODE.replace("expr: up == 0", "expr: up =="));
    RunningRules.Outcome outcome = rules.reload();
    assertThat(outcome.success()).isFalse();
    assertThat(outcome.message()).contains("node.yml:").contains("error:");
    assertThat(group("node")).isSameAs(before);
    assertThat(rules.groups()).hasSize(2);
    assertThat(scheduled).isEmpty();
    assertThat(unscheduled).isEmpty();
    assertThat(reloadsCounted).containsExactly(true, false);
  }

  @Test
  void unchangedGroupsKeepTheirEvaluatorEvenWhenTheyMovedInTheFile() throws Exception {
    GroupEvaluator before = group("node");
    write("node.yml", "# a comment moves every position\n" + NODE);
    RunningRules.Outcome outcome = rules.reload();
    assertThat(outcome.success()).isTrue();
    assertThat(outcome.kept()).isEqualTo(2);
    assertThat(group("node")).isSameAs(before);
    assertThat(scheduled).isEmpty();
  }

  @Test
  void changedGroupCarriesTheStateOfRulesWithTheSameIdentity() throws Exception {
    evaluateAll(T0);
    evaluateAll(T0.plus(Duration.ofMinutes(2)));
    Alert firing = downAlert();
    assertThat(firing.state()).isEqualTo(AlertState.FIRING);

    write("node.yml", NODE + "      - alert: Extra\n        expr: up > 5\n");
    RunningRules.Outcome outcome = rules.reload();
    assertThat(outcome.changed()).isEqualTo(1);
    assertThat(scheduled).containsExactly("node");
    Alert carried = downAlert();
    assertThat(carried).isEqualTo(firing);

    // still firing with its activeAt after the next evaluation: the scheduled re-send goes out,
    // with the original startsAt; nothing is resolved
    notifier.clear();
    group("node").evaluate(T0.plus(Duration.ofMinutes(3)));
    assertThat(downAlert().activeAt()).isEqualTo(T0);
    assertThat(notifier.all())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.startsAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
              assertThat(n.resolvedAt(T0.plus(Duration.ofMinutes(3)))).isFalse();
            });
  }

  @Test
  void ruleWithAChangedExprStartsAfresh() throws Exception {
    evaluateAll(T0);
    evaluateAll(T0.plus(Duration.ofMinutes(2)));
    write("node.yml", NODE.replace("expr: up == 0", "expr: up < 1"));
    querier.answer("up < 1", 0, Labels.of("instance", "a"));
    rules.reload();
    assertThat(downAlert()).isNull();
    group("node").evaluate(T0.plus(Duration.ofMinutes(3)));
    assertThat(downAlert().state()).isEqualTo(AlertState.PENDING);
    assertThat(downAlert().activeAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    // the old rule's firing alert has the same labels: it is now pending, so it was not resolved,
    // and Alertmanager keeps it until endsAt; it is re-sent when the new rule fires.
  }

  @Test
  void removedGroupIsUnscheduledItsAlertsResolvedAndItsSeriesMarkedStale() throws Exception {
    evaluateAll(T0);
    assertThat(notifier.all()).hasSize(1); // DbDown fires at once (for: 0)
    Files.delete(dir.resolve("db.yml"));
    written.clear();
    notifier.clear();
    RunningRules.Outcome outcome = rules.reload();
    assertThat(outcome.removed()).isEqualTo(1);
    assertThat(unscheduled).singleElement().satisfies(k -> assertThat(k).contains("db.yml"));
    assertThat(rules.snapshots()).extracting(s -> s.spec().name()).containsExactly("node");
    assertThat(notifier.all())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.labels().get("alertname")).isEqualTo("DbDown");
              assertThat(n.endsAt()).isEqualTo(T0);
            });
    List<String> staleSeries = new ArrayList<>();
    for (Sample s : written) {
      assertThat(StaleSeriesMarker.isStaleMarker(s.value())).isTrue();
      staleSeries.add(s.metricName());
    }
    assertThat(staleSeries).containsExactlyInAnyOrder("ALERTS", "ALERTS_FOR_STATE");
  }

  @Test
  void newGroupIsScheduled() throws Exception {
    write("extra.yml", DB.replace("name: db", "name: extra"));
    RunningRules.Outcome outcome = rules.reload();
    assertThat(outcome.added()).isEqualTo(1);
    assertThat(scheduled).containsExactly("extra");
    assertThat(rules.groups()).hasSize(3);
    List<GroupSpec> specs = rules.snapshots().stream().map(GroupSnapshot::spec).toList();
    assertThat(specs).extracting(GroupSpec::name).containsExactly("db", "extra", "node");
  }
}
