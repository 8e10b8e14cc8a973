package io.vmrules.rules.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vmrules.rules.cluster.migration.QuartzScript;
import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertRuleState;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.Labels;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupStateCodecTest {
  @Test
  void everyFieldOfEveryAlertSurvives() {
    Map<Labels, Alert> alerts = new HashMap<>();
    double[] values = {1.5, Double.NaN, Double.POSITIVE_INFINITY, -0.0};
    AlertState[] states = {
      AlertState.PENDING, AlertState.FIRING, AlertState.INACTIVE, AlertState.FIRING
    };
    for (int i = 0; i < values.length; i++) {
      Labels l = Labels.of("alertname", "A", "i", Integer.toString(i), "odd", "\"\\\n\u2603");
      alerts.put(
          l,
          new Alert(
              l,
              Map.of("summary", "value <" + i + ">"),
              states[i],
              values[i],
              Instant.ofEpochMilli(1000L + i),
              i % 2 == 0 ? null : Instant.ofEpochMilli(2000L + i),
              i == 2 ? Instant.ofEpochMilli(3000) : null,
              i == 3 ? Instant.ofEpochMilli(4000) : null,
              Instant.ofEpochMilli(5000L + i)));
    }
    Map<String, AlertRuleState> rules =
        Map.of("A", new AlertRuleState(alerts), "B", AlertRuleState.empty());
    Map<String, AlertRuleState> back = GroupStateCodec.decode(GroupStateCodec.encode(rules));
    assertThat(back.keySet()).containsExactlyInAnyOrder("A", "B");
    for (Map.Entry<Labels, Alert> e : alerts.entrySet()) {
      Alert b = back.get("A").get(e.getKey());
      assertThat(b).usingRecursiveComparison().ignoringFields("value").isEqualTo(e.getValue());
      assertThat(Double.doubleToLongBits(b.value()))
          .isEqualTo(Double.doubleToLongBits(e.getValue().value()));
    }
  }

  @Test
  void theNotificationLedgerSurvives() {
    Labels l = Labels.of("alertname", "A", "job", "api");
    var sent =
        java.util.List.of(
            new io.vmrules.rules.notify.SentAlert(
                "A",
                l,
                Instant.ofEpochMilli(7000),
                true,
                new io.vmrules.rules.notify.Notification(
                    l,
                    Map.of("summary", "s"),
                    Instant.ofEpochMilli(1000),
                    Instant.ofEpochMilli(7000),
                    "http://x/graph?g0.expr=up")));
    GroupStateCodec.Decoded back =
        GroupStateCodec.decodeAll(GroupStateCodec.encode(Map.of(), sent));
    assertThat(back.sent()).isEqualTo(sent);
    assertThat(GroupStateCodec.decodeSent(GroupStateCodec.encodeSent(sent))).isEqualTo(sent);
  }

  @Test
  void aDamagedDocumentIsAStoreError() {
    assertThrows(
        ClusterStoreException.class,
        () -> GroupStateCodec.decode("{\"rules\":{\"A\":[{\"state\":\"BOGUS\"}]}}"));
  }

  @Test
  void rowKeysAreInjectiveAndHoldNoNul() {
    assertThat(GroupStateStore.rowKey("a\u0000b")).isEqualTo("a\\0b").doesNotContain("\u0000");
    assertThat(GroupStateStore.rowKey("a\\0b")).isNotEqualTo(GroupStateStore.rowKey("a\u0000b"));
  }

  @Test
  void quartzScriptWithoutDrops() throws Exception {
    var statements = QuartzScript.statements(QuartzScript.load());
    assertThat(statements)
        .hasSizeGreaterThan(11)
        .noneMatch(s -> s.toUpperCase().startsWith("DROP"));
    assertThat(statements).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(11);
  }
}
