package io.vmrules.rules.ui;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static io.vmrules.rules.testing.Specs.record;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.testing.FakeQuerier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * Two groups evaluated a few times at fixed instants: a firing rule (one of its label values is a
 * script tag), a pending rule, a failing rule, a recording rule and a rule never evaluated.
 */
final class UiFixture {
  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  static final Instant NOW = T0.plusSeconds(95);
  static final String SCRIPT = "<script>alert(1)</script>";

  private UiFixture() {}

  static UiSettings settings() {
    return new UiSettings(
        "http://vm:8428",
        "http://vm:8428/vmui",
        "http://alertmanager:9093",
        Dialect.METRICSQL,
        EvaluationSettings.defaults());
  }

  static List<GroupSnapshot> groups() {
    FakeQuerier q = new FakeQuerier();
    q.answer(
        "up == 0",
        0,
        Labels.of("__name__", "up", "job", "api", "instance", "a:9100"),
        Labels.of("__name__", "up", "job", SCRIPT, "instance", "b'\"&"));
    q.answer("rate(errors_total[5m]) > 0.1", 0.25, Labels.of("job", "db"));
    q.answer("sum by (job) (up)", 3, Labels.of("job", "api"));
    q.fail("broken_metric > 1", "bad_data: 422 unprocessable <b>entity</b>");
    GroupSpec node =
        group(
            "rules/node.yml",
            "node",
            Duration.ofSeconds(30),
            alert(
                "InstanceDown",
                "up == 0",
                Duration.ZERO,
                Map.of("severity", "page"),
                Map.of(
                    "summary",
                    "{{ $labels.instance }} of {{ $labels.job }} is down",
                    "runbook",
                    "https://runbooks.example/instance-down")),
            alert(
                "HighErrorRate",
                "rate(errors_total[5m]) > 0.1",
                Duration.ofMinutes(5),
                Map.of(),
                Map.of("value", "{{ $value }}")),
            record("job:up:sum", "sum by (job) (up)"));
    GroupSpec other =
        group(
            "rules/other.yml",
            "other <&>",
            null,
            alert("Broken", "broken_metric > 1", Duration.ofMinutes(1)),
            alert("Quiet", "vector(1) < 0", Duration.ZERO));
    q.answer("vector(1) < 0", List.of());
    GroupSpec fresh =
        group("rules/other.yml", "fresh", null, record("never:evaluated", "vector(1)"));
    InstantSource clock = InstantSource.fixed(T0);
    GroupEvaluator a = GroupEvaluator.builder(node, q).clock(clock).build();
    GroupEvaluator b = GroupEvaluator.builder(other, q).clock(clock).build();
    GroupEvaluator c = GroupEvaluator.builder(fresh, q).clock(clock).build();
    a.evaluate(T0);
    a.evaluate(T0.plusSeconds(30));
    a.evaluate(T0.plusSeconds(60));
    b.evaluate(T0.plusSeconds(10));
    return List.of(a.groupSnapshot(), b.groupSnapshot(), c.groupSnapshot());
  }

  static StatusInfo status() {
    return new StatusInfo(
        "rules 0.1.0-test",
        T0.minusSeconds(3600),
        List.of(
            new StatusInfo.Flag("--datasource.url", "http://vm:8428"),
            new StatusInfo.Flag("--notifier.basicAuth.password", "<secret>")),
        List.of(new StatusInfo.RuleFile("rules/node.yml", "ab12")),
        new StatusInfo.Reload(T0.minusSeconds(3600), true, "3 groups loaded"),
        List.of(new StatusInfo.NotifierQueue("http://alertmanager:9093", 12, 1, 0, 2)),
        new StatusInfo.RemoteWriteQueue("http://vm:8428", 1000, 0, 0, 5));
  }

  static WebUi webUi(com.sun.net.httpserver.Authenticator auth) {
    List<GroupSnapshot> groups = groups();
    return new WebUi(
        () -> groups, UiFixture::status, key -> 0, InstantSource.fixed(NOW), settings(), auth);
  }
}
