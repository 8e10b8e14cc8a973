package io.vmrules.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grafana's draft-7 dashboard schemas, vendored under {@code src/test/resources/grafana-schema}
 * (from the grafana-foundation-sdk, Apache 2.0; see the README there). The property {@code
 * grafana.schema.dir} points at another copy, e.g. a newer one.
 */
final class GrafanaSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path dir;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
  private final Map<String, JsonSchema> cache = new HashMap<>();

  private GrafanaSchemas(Path dir) {
    this.dir = dir;
  }

  static GrafanaSchemas load() {
    Path dir =
        Path.of(System.getProperty("grafana.schema.dir", "src/test/resources/grafana-schema"));
    if (!Files.isRegularFile(dir.resolve("dashboard.jsonschema.json"))) {
      throw new AssertionError(
          "Grafana schemas not found at " + dir.toAbsolutePath() + " (set -Dgrafana.schema.dir)");
    }
    return new GrafanaSchemas(dir);
  }

  /**
   * Validates against {@code file}'s root, or its {@code #/definitions/<definition>} when given.
   */
  Set<ValidationMessage> validate(String file, String definition, JsonNode node) {
    return schema(file, definition).validate(node);
  }

  boolean hasDefinition(String file, String definition) {
    return read(file).path("definitions").has(definition);
  }

  /** Every unit id ({@code const}) listed in units.jsonschema.json. */
  Set<String> unitIds() {
    Set<String> ids = new TreeSet<>();
    read("units")
        .path("definitions")
        .forEach(
            d -> {
              if (d.has("const")) {
                ids.add(d.get("const").asText());
              }
            });
    return ids;
  }

  private JsonSchema schema(String file, String definition) {
    return cache.computeIfAbsent(
        file + "#" + definition,
        k -> {
          ObjectNode root = read(file).deepCopy();
          if (definition != null) {
            root.put("$ref", "#/definitions/" + definition);
          }
          return factory.getSchema(root);
        });
  }

  private JsonNode read(String file) {
    try {
      return MAPPER.readTree(dir.resolve(file + ".jsonschema.json").toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read schema " + file, e);
    }
  }
}
