package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.dashboards.provisioning.Provisioning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed {@code provisioning/} is exactly what the generator produces now. */
class ProvisioningDriftTest {
  private static final Path COMMITTED = Path.of("../provisioning");

  @Test
  void committedProvisioningMatchesAFreshGeneration() throws IOException {
    SortedMap<String, String> fresh = Provisioning.files();
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> f : fresh.entrySet()) {
      Path p = COMMITTED.resolve(f.getKey());
      if (!Files.isRegularFile(p)) {
        differences.add("missing: provisioning/" + f.getKey());
      } else if (!Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
        differences.add("differs: provisioning/" + f.getKey());
      }
    }
    try (Stream<Path> walk = Files.walk(COMMITTED)) {
      walk.filter(Files::isRegularFile)
          .map(p -> COMMITTED.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !fresh.containsKey(p))
          .forEach(p -> differences.add("not generated: provisioning/" + p));
    }
    assertThat(differences)
        .as(
            "provisioning/ is stale; regenerate it with `%s` and commit the result",
            Provisioning.REGENERATE_COMMAND)
        .isEmpty();
  }

  @Test
  void generationIsDeterministic() {
    assertThat(Provisioning.files()).isEqualTo(Provisioning.files());
    assertThat(new TreeSet<>(Provisioning.files().keySet()))
        .contains(
            "datasources/datasources.yaml",
            "dashboards/dashboards.yaml",
            "dashboards/stack/vmrules-stack-overview.json");
  }

  @Test
  void datasourcesPointAtVmselectByDefaultAndAtTheLegacyReceiver() {
    String ds = Provisioning.files().get("datasources/datasources.yaml");
    assertThat(ds)
        .contains(
            "uid: vmselect",
            "url: http://vmselect-1:8481/select/0/prometheus",
            "isDefault: true",
            "uid: prometheus-receiver",
            "type: prometheus");
    assertThat(ds.split("isDefault: true", -1)).hasSize(2);
    String provider = Provisioning.files().get("dashboards/dashboards.yaml");
    assertThat(provider).contains("foldersFromFilesStructure: true", "allowUiUpdates: false");
  }
}
