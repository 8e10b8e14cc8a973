package io.vmrules.rules.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmrules.testsupport.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String pretty(String json) throws Exception {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(json)) + "\n";
  }

  @Test
  void rulesAnswerHasThePrometheusShape() throws Exception {
    Golden.assertMatches(
        "api/rules.json", pretty(ApiJson.rules(ApiFixture.groups(), RuleFilter.ALL)));
  }

  @Test
  void alertsAnswerListsPendingAndFiringAlerts() throws Exception {
    Golden.assertMatches("api/alerts.json", pretty(ApiJson.alerts(ApiFixture.groups())));
  }

  @Test
  void filtersByTypeNameAndFileAndLeavesOutEmptyGroups() throws Exception {
    RuleFilter records = RuleFilter.parse(Map.of("type", List.of("record")));
    Golden.assertMatches(
        "api/rules-type-record.json", pretty(ApiJson.rules(ApiFixture.groups(), records)));

    RuleFilter byName =
        RuleFilter.parse(
            Map.of(
                "rule_name[]",
                List.of("InstanceDown", "Broken"),
                "file[]",
                List.of("rules/node.yml"),
                "exclude_alerts",
                List.of("true")));
    Golden.assertMatches(
        "api/rules-name-file.json", pretty(ApiJson.rules(ApiFixture.groups(), byName)));
  }

  @Test
  void unknownTypeIsBadData() {
    assertThatThrownBy(() -> RuleFilter.parse(Map.of("type", List.of("alerts"))))
        .hasMessageContaining("invalid type parameter \"alerts\"");
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1e+00",
    "0.25, 2.5e-01",
    "1234.5, 1.2345e+03",
    "-3, -3e+00",
    "0, 0e+00",
    "1e-10, 1e-10",
    "1.5e300, 1.5e+300",
    "NaN, NaN",
    "Infinity, +Inf",
    "-Infinity, -Inf"
  })
  void valuesArePrintedAsGoPrintsThem(double value, String expected) {
    assertThat(ApiJson.goFloat(value)).isEqualTo(expected);
  }
}
