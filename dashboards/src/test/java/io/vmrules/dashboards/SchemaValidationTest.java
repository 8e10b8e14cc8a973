package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.vmrules.dashboards.model.PanelKind;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.provisioning.Json;
import io.vmrules.dashboards.stack.StackDashboards;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shipped dashboard validates against Grafana's JSON Schemas with zero messages: the whole
 * dashboard, each panel's options and custom field config against its kind, each target against the
 * Prometheus query schema.
 */
class SchemaValidationTest {
  private static GrafanaSchemas schemas;

  @BeforeAll
  static void load() {
    schemas = GrafanaSchemas.load();
  }

  @Test
  void everyDashboardPanelAndTargetMatchesGrafanasSchemas() throws Exception {
    List<String> messages = new ArrayList<>();
    int checked = 0;
    List<io.vmrules.dashboards.model.Dashboard> all = new ArrayList<>();
    StackDashboards.all().forEach(s -> all.add(s.dashboard()));
    all.add(GoldenFileTest.allKinds());
    for (io.vmrules.dashboards.model.Dashboard d : all) {
      JsonNode dashboard = Json.mapper().readTree(Json.write(d));
      String uid = d.uid();
      add(messages, uid, schemas.validate("dashboard", null, dashboard));
      checked++;
      for (JsonNode item : dashboard.get("panels")) {
        if (item.get("type").asText().equals("row")) {
          for (JsonNode nested : item.get("panels")) {
            checked += panel(messages, uid, nested);
          }
        } else {
          checked += panel(messages, uid, item);
        }
      }
    }
    assertThat(messages).as("schema messages").isEmpty();
    assertThat(checked).isGreaterThan(100);
  }

  private int panel(List<String> messages, String uid, JsonNode panel) {
    String where = uid + " panel \"" + panel.get("title").asText() + "\"";
    PanelKind kind = kind(panel.get("type").asText());
    String file = kind.schemaName();
    int checked = 1;
    add(messages, where + " options", schemas.validate(file, "Options", panel.get("options")));
    JsonNode custom = panel.path("fieldConfig").path("defaults").path("custom");
    if (schemas.hasDefinition(file, "FieldConfig")) {
      if (!custom.isMissingNode()) {
        add(
            messages,
            where + " fieldConfig.defaults.custom",
            schemas.validate(file, "FieldConfig", custom));
        checked++;
      }
    } else if (!custom.isMissingNode()) {
      messages.add(where + ": custom field config on a kind whose schema has none");
    }
    for (JsonNode target : panel.path("targets")) {
      add(
          messages,
          where + " target " + target.get("refId").asText(),
          schemas.validate("prometheus", null, target));
      checked++;
    }
    return checked;
  }

  private static PanelKind kind(String type) {
    for (PanelKind k : PanelKind.values()) {
      if (k.id().equals(type)) {
        return k;
      }
    }
    throw new AssertionError("unknown panel type " + type);
  }

  private static void add(List<String> messages, String where, Set<ValidationMessage> found) {
    found.forEach(m -> messages.add(where + ": " + m.getMessage()));
  }

  @Test
  void everyUnitWeUseIsAGrafanaUnit() {
    assertThat(schemas.unitIds()).containsAll(Unit.KNOWN);
  }
}
