package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.provisioning.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void sortsKeysIndentsByTwoAndEndsWithANewline() {
    String json = Json.write(Map.of("b", 1, "a", Map.of("d", 2.5, "c", 3.0)));
    assertThat(json)
        .isEqualTo("{\n  \"a\": {\n    \"c\": 3,\n    \"d\": 2.5\n  },\n  \"b\": 1\n}\n");
  }

  @Test
  void writesTheFirstThresholdStepWithANullValue() {
    String json = Json.write(Thresholds.absolute("green", 1, "red"));
    assertThat(json)
        .contains("\"value\": null")
        .contains("\"value\": 1\n")
        .contains("\"mode\": \"absolute\"");
  }

  @Test
  void writesEmptyArraysCompactly() {
    assertThat(Json.write(Map.of("panels", java.util.List.of())))
        .isEqualTo("{\n  \"panels\": []\n}\n");
  }
}
