package io.vmrules.rules.api;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static io.vmrules.rules.testing.Specs.record;

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

/** Two groups in two files, evaluated a few times: firing, pending, failing and fresh rules. */
final class ApiFixture {
  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  private ApiFixture() {}

  static List<GroupSnapshot> groups() {
    FakeQuerier q = new FakeQuerier();
    q.answer("up == 0", 0, Labels.of("__name__", "up", "job", "api", "instance", "a:9100"));
    q.answer("rate(errors_total[5m]) > 0.1", 0.25, Labels.of("job", "db"));
    q.answer("sum by (job) (up)", 3, Labels.of("job", "api"));
    q.fail("broken_metric > 1", "bad_data: 422 unprocessable");
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
                Map.of("summary", "{{ $labels.instance }} of {{ $labels.job }} is down")),
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
            "other",
            null,
            alert("Broken", "broken_metric > 1", Duration.ofMinutes(1)));
    GroupSpec fresh =
        group("rules/other.yml", "fresh", null, record("never:evaluated", "vector(1)"));
    GroupEvaluator a = GroupEvaluator.builder(node, q).clock(InstantSource.fixed(T0)).build();
    GroupEvaluator b = GroupEvaluator.builder(other, q).clock(InstantSource.fixed(T0)).build();
    GroupEvaluator c = GroupEvaluator.builder(fresh, q).clock(InstantSource.fixed(T0)).build();
    a.evaluate(T0);
    a.evaluate(T0.plusSeconds(30));
    b.evaluate(T0.plusSeconds(10));
    return List.of(a.groupSnapshot(), b.groupSnapshot(), c.groupSnapshot());
  }
}
