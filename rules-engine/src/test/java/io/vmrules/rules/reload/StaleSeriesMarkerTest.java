package io.vmrules.rules.reload;

import static io.vmrules.rules.testing.Specs.alert;
import static io.vmrules.rules.testing.Specs.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.testing.FakeQuerier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StaleSeriesMarkerTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  private static final GroupSpec SPEC =
      group("a.yml", "g", Duration.ofMinutes(1), alert("Down", "up == 0", Duration.ofMinutes(1)));

  @Test
  void seriesNotWrittenAgainGetAStalenessMarkerAtTheEvaluationTime() {
    List<Sample> stale = new CopyOnWriteArrayList<>();
    StaleSeriesMarker marker = new StaleSeriesMarker(stale::addAll);
    FakeQuerier q = new FakeQuerier();
    GroupEvaluator ev = GroupEvaluator.builder(SPEC, q).listener(marker).build();
    q.answer("up == 0", 0, Labels.of("instance", "a"));
    ev.evaluate(T0);
    assertThat(stale).isEmpty();
    ev.evaluate(T0.plusSeconds(60)); // pending -> firing: ALERTS{alertstate="pending"} ends
    assertThat(stale)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metricName()).isEqualTo("ALERTS");
              assertThat(s.labels().get("alertstate")).isEqualTo("pending");
              assertThat(StaleSeriesMarker.isStaleMarker(s.value())).isTrue();
              assertThat(s.timestampMillis()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
            });
    stale.clear();
    q.answer("up == 0", 0);
    ev.evaluate(T0.plusSeconds(120)); // resolved: both series end
    assertThat(stale)
        .extracting(Sample::metricName)
        .containsExactlyInAnyOrder("ALERTS", "ALERTS_FOR_STATE");
  }

  @Test
  void seriesTakenByAStoreThatFailedAreHandedOverAgain() {
    StaleSeriesMarker marker = new StaleSeriesMarker(samples -> {});
    FakeQuerier q = new FakeQuerier();
    GroupEvaluator ev = GroupEvaluator.builder(SPEC, q).listener(marker).build();
    q.answer("up == 0", 0, Labels.of("instance", "a"));
    ev.evaluate(T0);
    String key = SPEC.key();
    assertThat(marker.changed(key)).isPresent(); // taken by a store
    assertThat(marker.changed(key)).isEmpty(); // nothing new
    marker.changedAgain(key); // that store failed
    assertThat(marker.changed(key))
        .hasValueSatisfying(series -> assertThat(series).hasSize(2)); // ALERTS, ALERTS_FOR_STATE
    marker.changedAgain("unknown group");
    assertThat(marker.changed("unknown group")).isEmpty();
  }
}
